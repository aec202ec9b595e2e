# zh-Hans for the conversation list's people and preview (issue 20.7).
ZH = {
    "Only you": "只有你",
    "You:": "你：",
}
