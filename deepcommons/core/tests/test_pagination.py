"""core.pagination on a plain model: users ordered by date_joined (with ties) or by pk."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from deepcommons.accounts.models import User
from deepcommons.core.pagination import (
    InvalidCursor,
    decode_cursor,
    encode_cursor,
    is_valid_cursor,
    keyset_page,
)

pytestmark = pytest.mark.django_db

START = datetime(2024, 1, 1, tzinfo=UTC)


def _make_users(count: int) -> list[User]:
    # Every third user shares the previous one's date_joined, so ties on the
    # ordering field must be broken by pk for the pages to stay exact.
    users = [
        User(username=f"user{i:03d}", email=f"user{i:03d}@example.com", date_joined=START)
        for i in range(count)
    ]
    for i, user in enumerate(users):
        user.date_joined = START + timedelta(minutes=i - (1 if i % 3 == 2 else 0))
    return User.objects.bulk_create(users)


def _walk(field: str, *, descending: bool, per_page: int) -> list[list[int]]:
    pages: list[list[int]] = []
    cursor = ""
    while True:
        page = keyset_page(
            User.objects.all(), field=field, cursor=cursor, per_page=per_page, descending=descending
        )
        pages.append([u.pk for u in page.items])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


def test_descending_pages_cover_every_row_once_in_order() -> None:
    _make_users(23)
    expected = list(User.objects.order_by("-date_joined", "-pk").values_list("pk", flat=True))
    pages = _walk("date_joined", descending=True, per_page=5)
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    assert [pk for page in pages for pk in page] == expected


def test_ascending_pages_cover_every_row_once_in_order() -> None:
    _make_users(11)
    expected = list(User.objects.order_by("date_joined", "pk").values_list("pk", flat=True))
    pages = _walk("date_joined", descending=False, per_page=4)
    assert [pk for page in pages for pk in page] == expected
    assert len(pages) == 3


def test_pk_ordering_pages_by_pk_alone() -> None:
    _make_users(7)
    expected = list(User.objects.order_by("-pk").values_list("pk", flat=True))
    pages = _walk("pk", descending=True, per_page=3)
    assert [pk for page in pages for pk in page] == expected
    assert _walk("id", descending=False, per_page=3)[0] == sorted(expected)[:3]


def test_exact_multiple_of_per_page_has_no_empty_last_page() -> None:
    _make_users(6)
    assert [len(p) for p in _walk("date_joined", descending=True, per_page=3)] == [3, 3]


def test_empty_queryset_gives_an_empty_first_page() -> None:
    page = keyset_page(User.objects.none(), field="date_joined", cursor="", per_page=10)
    assert page.items == []
    assert page.next_cursor is None


def test_a_cursor_survives_its_row_being_deleted() -> None:
    users = _make_users(6)
    first = keyset_page(User.objects.all(), field="date_joined", cursor="", per_page=3)
    assert first.next_cursor is not None
    User.objects.filter(pk=first.items[-1].pk).delete()
    second = keyset_page(
        User.objects.all(), field="date_joined", cursor=first.next_cursor, per_page=3
    )
    remaining = {u.pk for u in users} - {u.pk for u in first.items}
    assert {u.pk for u in second.items} == remaining


def test_cursor_round_trips_value_and_pk() -> None:
    moment = datetime(2025, 6, 1, 12, 30, tzinfo=UTC)
    cursor = encode_cursor(User, field="date_joined", descending=True, value=moment, pk=42)
    assert decode_cursor(User, cursor, field="date_joined") == (moment, 42)
    assert decode_cursor(User, "", field="date_joined") is None


def test_cursor_made_for_another_ordering_is_refused() -> None:
    moment = datetime(2025, 6, 1, tzinfo=UTC)
    cursor = encode_cursor(User, field="date_joined", descending=True, value=moment, pk=1)
    assert not is_valid_cursor(User, cursor, field="date_joined", descending=False)
    assert not is_valid_cursor(User, cursor, field="last_login")
    assert not is_valid_cursor(User, cursor, field="pk")
    with pytest.raises(InvalidCursor):
        keyset_page(User.objects.all(), field="pk", cursor=cursor, per_page=5)


def test_cursor_made_for_another_model_is_refused() -> None:
    from deepcommons.spaces.models import Space

    cursor = encode_cursor(Space, field="pk", descending=True, value=3, pk=3)
    assert is_valid_cursor(Space, cursor, field="pk")
    assert not is_valid_cursor(User, cursor, field="pk")


def _b64(data: Any) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


GOOD = {"m": "accounts.user", "o": "-date_joined", "v": "2025-01-01T00:00:00+00:00", "k": 1}
BAD_CURSORS = [
    "garbage",
    "!!!!",
    "é",
    "\x00",
    "A" * 10_000,
    _b64(b"\xff\xfe\x00"),
    _b64("just a string"),
    _b64([0, 132]),
    _b64([{"t": "2025-01-01T00:00:00"}, 1]),
    _b64({**GOOD, "extra": 1}),
    _b64({k: v for k, v in GOOD.items() if k != "k"}),
    _b64({**GOOD, "k": "1"}),
    _b64({**GOOD, "k": 1.5}),
    _b64({**GOOD, "k": True}),
    _b64({**GOOD, "k": 2**64}),
    _b64({**GOOD, "k": [1]}),
    _b64({**GOOD, "v": 17}),
    _b64({**GOOD, "v": None}),
    _b64({**GOOD, "v": [[["nested"]]]}),
    _b64({**GOOD, "v": {"t": "2025-01-01"}}),
    _b64({**GOOD, "v": "2025-01-01T00:00:00"}),  # naive
    _b64({**GOOD, "v": "0001-01-01T00:00:00+14:00"}),  # before year 1 in UTC
    _b64({**GOOD, "v": "9999-12-31T23:59:59-14:00"}),  # after year 9999 in UTC
    _b64({**GOOD, "v": "99999-01-01T00:00:00+00:00"}),
    _b64({**GOOD, "v": "not a date"}),
    _b64({**GOOD, "m": "posts.post"}),
    _b64({**GOOD, "o": "date_joined"}),
    _b64({**GOOD, "o": "-password"}),
    _b64(b"[" * 5000 + b"]" * 5000),
    _b64(b'{"m": "accounts.user", "o": "-date_joined", "v": NaN, "k": 1}'),
]


@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_bad_cursors_raise_invalid_cursor_and_nothing_else(cursor: str) -> None:
    _make_users(2)
    assert not is_valid_cursor(User, cursor, field="date_joined")
    with pytest.raises(InvalidCursor):
        keyset_page(User.objects.all(), field="date_joined", cursor=cursor, per_page=5)


def test_the_good_cursor_shape_used_above_is_accepted() -> None:
    # Guards BAD_CURSORS: each differs from an accepted cursor in one respect.
    assert decode_cursor(User, _b64(GOOD), field="date_joined") == (
        datetime(2025, 1, 1, tzinfo=UTC),
        1,
    )
