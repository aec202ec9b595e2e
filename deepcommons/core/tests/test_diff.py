"""core.diff: line diffs with the changed words marked."""

from __future__ import annotations

from deepcommons.core.diff import DiffLine, Piece, diff_lines


def _shape(rows: list[DiffLine]) -> list[tuple[str, int | None, int | None]]:
    return [(row.op, row.old_number, row.new_number) for row in rows]


def test_unchanged_lines_keep_both_numbers() -> None:
    rows = diff_lines("a\nb", "a\nb")
    assert _shape(rows) == [("same", 1, 1), ("same", 2, 2)]
    assert rows[0].pieces == [Piece("a")]


def test_an_edited_line_is_removed_then_added_with_its_changed_words_marked() -> None:
    rows = diff_lines("title\nlower the learning rate", "title\nlower the base learning rate")
    assert _shape(rows) == [("same", 1, 1), ("del", 2, None), ("ins", None, 2)]
    assert [p for p in rows[1].pieces if p.changed] == []
    assert [p.text for p in rows[2].pieces if p.changed] == ["base "]
    assert "".join(p.text for p in rows[2].pieces) == "lower the base learning rate"


def test_lines_that_differ_too_much_are_marked_whole() -> None:
    rows = diff_lines("alpha beta gamma", "one two three four")
    assert rows[0].pieces == [Piece("alpha beta gamma", changed=True)]
    assert rows[1].pieces == [Piece("one two three four", changed=True)]


def test_added_and_removed_lines_number_in_their_own_text() -> None:
    rows = diff_lines("keep\ngone\nend", "keep\nend\nnew one\nnew two")
    assert _shape(rows) == [
        ("same", 1, 1),
        ("del", 2, None),
        ("same", 3, 2),
        ("ins", None, 3),
        ("ins", None, 4),
    ]


def test_markup_in_the_text_stays_plain_text_for_the_template_to_escape() -> None:
    rows = diff_lines("<b>x</b>", "<script>alert(1)</script>")
    assert "".join(p.text for p in rows[1].pieces) == "<script>alert(1)</script>"
