"""Line diffs of two texts, with the changed words marked, for templates.

`diff_lines` returns rows that `core/_diff.html` renders as one column: a
removed line, then the line that replaced it, with `<del>` and `<ins>` around
the words that changed. The template escapes every piece, so the rows hold
plain text and nothing here builds HTML.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

Op = Literal["same", "del", "ins"]
# Word-level tokens: runs of word characters, runs of spaces, single marks.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# Below this likeness two lines are shown as one removed and one added whole,
# as marking most of their words would be noise.
_ALIKE = 0.5


@dataclass(frozen=True)
class Piece:
    text: str
    changed: bool = False


@dataclass(frozen=True)
class DiffLine:
    op: Op
    old_number: int | None
    new_number: int | None
    pieces: list[Piece] = field(default_factory=list)


def _pieces_of_pair(old: str, new: str) -> tuple[list[Piece], list[Piece]] | None:
    """The two lines cut into unchanged and changed pieces, or None if they differ too much."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < _ALIKE:
        return None
    old_pieces: list[Piece] = []
    new_pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            old_pieces.append(Piece("".join(a[i1:i2]), changed=tag != "equal"))
        if j2 > j1:
            new_pieces.append(Piece("".join(b[j1:j2]), changed=tag != "equal"))
    return old_pieces, new_pieces


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """Every line of `old` and `new`: unchanged, removed or added, numbered in its text."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(
                DiffLine("same", i + 1, j + 1, [Piece(a[i])])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        removed = [[Piece(a[i], changed=True)] for i in range(i1, i2)]
        added = [[Piece(b[j], changed=True)] for j in range(j1, j2)]
        for k in range(min(len(removed), len(added))):
            pair = _pieces_of_pair(a[i1 + k], b[j1 + k])
            if pair is not None:
                removed[k], added[k] = pair
        rows.extend(DiffLine("del", i1 + k + 1, None, p) for k, p in enumerate(removed))
        rows.extend(DiffLine("ins", None, j1 + k + 1, p) for k, p in enumerate(added))
    return rows
