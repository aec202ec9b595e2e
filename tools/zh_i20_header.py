# zh-Hans for the header's menu button, plural count labels (issue 20, parts 6 and 7).
ZH = {
    "Menu": "菜单",
}
