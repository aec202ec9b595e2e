ZH = {
    "The cursor does not belong to this list and sort.": "该游标不属于此列表和排序方式。",
}
