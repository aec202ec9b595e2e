# zh-Hans for the strings of core.markdown's copy button (templates/base.html).
ZH = {
    "Copy": "复制",
    "Copied": "已复制",
    "Copy failed": "复制失败",
}
