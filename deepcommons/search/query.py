"""The search box's syntax, parsed into a `ParsedQuery`.

    words  "exact phrase"  -exclude  -"excluded phrase"  [tag]
    user:alice  space:nlp  is:question|answer|discussion|reply|article|tutorial
    answers:0  answers:3..  accepted:yes|no  score:5..  score:..10  score:2..8
    created:2024  created:2024..2025  created:2024-03..2024-06-15

Nothing here raises: a token that does not parse (`score:lots`, an unknown
`foo:bar`, an unclosed quote) is searched as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from deepcommons.search.segment import words

QUERY_MAX = 1000
KINDS = ("question", "answer", "discussion", "reply", "article", "tutorial")
# Plural and Chinese spellings people type.
KIND_ALIASES = {
    **{k: k for k in KINDS},
    **{k + "s": k for k in KINDS},
    "replies": "reply",
    "问题": "question",
    "回答": "answer",
    "讨论": "discussion",
    "文章": "article",
    "教程": "tutorial",
}
YES = {"yes", "true", "1", "y", "是"}
NO = {"no", "false", "0", "n", "否"}
# Words too common to narrow anything; dropped from free text (never from phrases).
_STOPWORDS_TEXT = (
    "a an the is are was were be been to of in on at for with and or not no do does did "
    "i my me we you it its this that how what why when which can could should would "
    "的 了 是 在 我 你 他 它 吗 呢 吧 啊 和 与 或 就 都 也 有 这 那 个 么 怎么 如何 什么 为什么 "
    "怎么办 一个 一下 请问 求助 问题"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)\[([^\]]*)\]?|(\S+)')
_RANGE = re.compile(r"^(-?\d*)(\.\.)?(-?\d*)$")
# The range of a 64-bit signed integer, the widest column type of every backend.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


Range = tuple[int | None, int | None]
DateRange = tuple[datetime | None, datetime | None]


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    spaces: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    answers: Range | None = None
    score: Range | None = None
    accepted: bool | None = None
    created: DateRange | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def has_filters(self) -> bool:
        return bool(
            self.tags
            or self.users
            or self.spaces
            or self.kinds
            or self.answers
            or self.score
            or self.accepted is not None
            or self.created
        )

    @property
    def is_empty(self) -> bool:
        return not (self.has_text or self.has_filters or self.excluded)

    def highlight_terms(self) -> list[str]:
        """Words to mark in titles and snippets."""
        out = list(self.terms)
        for phrase in self.phrases:
            out.extend(phrase)
        return out


def _bound(text: str) -> int | None:
    """One side of a range, clamped to what a 64-bit integer holds (None when empty).

    Every count and score column fits in 64 bits, so a clamped bound selects
    exactly the rows the typed one would (`score:1e30` written out finds
    nothing, `score:..1e30` everything), and no database is handed a number
    it cannot bind (SQLite raises OverflowError past 64 bits)."""
    if text in ("", "-"):
        return None
    return min(max(int(text), INT_MIN), INT_MAX)


def _int_range(value: str) -> Range | None:
    """`5` → (5, None) ("at least"), `0` → (0, 0), `2..8`, `5..`, `..10`."""
    match = _RANGE.match(value)
    # Without `..` the second group is only the tail of one number (`5-3`, `--5`).
    if not match or (match.group(2) is None and match.group(3)):
        return None
    low, high = _bound(match.group(1)), _bound(match.group(3))
    if low is None and high is None:
        return None
    if match.group(2) is None:
        return (low, 0) if low == 0 else (low, None)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high


def _parse_day(value: str, *, end: bool) -> datetime | None:
    """`2024`, `2024-03` or `2024-03-15` as the first moment of the period, or the
    first moment after it when `end` (the last moment a datetime holds, for a
    period ending on 9999-12-31); None when it is not such a date."""
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1 and 1900 <= parts[0] <= 9999:
            first = date(parts[0], 1, 1)
        elif len(parts) in (2, 3):
            first = date(*parts, *[1] * (3 - len(parts)))
        else:
            return None
    except (ValueError, OverflowError):
        return None
    if end:
        try:
            if len(parts) == 1:
                first = date(first.year + 1, 1, 1)
            elif len(parts) == 2:
                first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            else:
                first += timedelta(days=1)
        except (ValueError, OverflowError):
            return datetime.max.replace(tzinfo=UTC)
    return datetime(first.year, first.month, first.day, tzinfo=UTC)


def _date_range(value: str) -> DateRange | None:
    low, sep, high = value.partition("..")
    start = _parse_day(low, end=False) if low else None
    stop = _parse_day(high if sep else low, end=True) if (high or not sep) else None
    if (low and start is None) or ((high or not sep) and stop is None):
        return None
    if start is None and stop is None:
        return None
    return start, stop


def _apply_operator(query: ParsedQuery, key: str, value: str) -> bool:
    """Set the filter for `key:value`; False when it is not a valid filter."""
    key = key.lower()
    if not value:
        return False
    if key in ("user", "author"):
        query.users.append(value.lstrip("@"))
    elif key == "space":
        query.spaces.append(value.lower())
    elif key in ("tag", "tags"):
        query.tags.append(value.lower())
    elif key == "is":
        kind = KIND_ALIASES.get(value.lower())
        if kind is None:
            return False
        query.kinds.append(kind)
    elif key == "accepted":
        if value.lower() in YES:
            query.accepted = True
        elif value.lower() in NO:
            query.accepted = False
        else:
            return False
    elif key in ("answers", "score"):
        bounds = _int_range(value)
        if bounds is None:
            return False
        setattr(query, key, bounds)
    elif key == "created":
        span = _date_range(value)
        if span is None:
            return False
        query.created = span
    else:
        return False
    return True


def parse_query(raw: str) -> ParsedQuery:
    """Parse the search box's text; never raises."""
    query = ParsedQuery()
    text = (raw or "")[:QUERY_MAX]
    free: list[str] = []
    for match in _TOKEN.finditer(text):
        neg_phrase, phrase, neg_tag, tag, word = match.groups()
        if phrase is not None:
            tokens = words(phrase)
            if not tokens:
                continue
            if neg_phrase:
                query.excluded.append(tokens)
            elif len(tokens) == 1:
                free.append(tokens[0])
            else:
                query.phrases.append(tokens)
        elif tag is not None:
            name = tag.strip().lower()
            if name and not neg_tag:
                query.tags.append(name)
            elif name:
                query.excluded.append(words(name))
        else:
            key, colon, value = word.partition(":")
            if colon and key and _apply_operator(query, key, value):
                continue
            if word.startswith("-") and len(word) > 1:
                tokens = words(word[1:])
                if tokens:
                    query.excluded.append(tokens)
                continue
            free.extend(words(word))
    seen: set[str] = set()
    for term in free:
        if term not in seen:
            seen.add(term)
            query.terms.append(term)
    meaningful = [t for t in query.terms if t not in STOPWORDS]
    # A query of stop words only ("how to") still searches for them.
    if meaningful or query.phrases:
        query.terms = meaningful
    query.excluded = [e for e in query.excluded if e]
    return query
