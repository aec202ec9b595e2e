# zh-Hans for the header's menu button, the plural count labels of post rows
# and search results, and the revision diff (issue 20, parts 6 and 7). Plural
# entries are keyed by their singular msgid as makemessages writes it; zh-Hans
# has one form.
ZH = {
    "Menu": "菜单",
    "%(counter)s vote": "%(counter)s 票",
    "%(counter)s like": "%(counter)s 个赞",
    "%(counter)s view": "%(counter)s 次浏览",
    "Change": "变更",
    "Text": "文本",
    "removed": "已删除",
    "added": "已添加",
    "Changes between the two revisions": "两个修订版本之间的变更",
}
