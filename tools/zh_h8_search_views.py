ZH = {
    "pending views": "待写入的浏览次数",
}
