"""Filters with hostile numbers and dates: right results, never a 500, on the
database in use (SQLite or PostgreSQL), through the page, the API and the backend."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.posts.models import Post
from deepcommons.search.backends.base import SORTS
from deepcommons.search.models import SearchDocument
from deepcommons.search.query import parse_query
from deepcommons.search.results import search_posts
from deepcommons.search.services import index_posts
from deepcommons.search.tests.factories import make_indexed, make_indexed_answer

pytestmark = pytest.mark.django_db
PAGE = reverse("search:results")
API = "/api/v1/search"
HUGE = "99999999999999999999999"

HOSTILE = [
    f"score:{HUGE}",
    "answers:1..99999999999999999999",
    "score:9223372036854775808",
    "score:9223372036854775807",
    "score:-9223372036854775809",
    "score:-99999999999999999999",
    f"score:..{HUGE}",
    f"score:..-{HUGE}",
    f"score:-{HUGE}..{HUGE}",
    f"answers:{HUGE}",
    f"answers:-{HUGE}",
    "score:2147483648",
    "score:-2147483649",
    "answers:4294967296..",
    "score:" + "9" * 990,
    "score:-",
    "score:--5",
    "score:-..-",
    "answers:-..",
    "score:...",
    "score:1...5",
    "score:1e30",
    "score:0x10",
    "score:١٢٣",
    "score:５..",
    "created:99999-01-01",
    "created:0000-00-00",
    "created:0001-01-01",
    "created:0001-01-01..9999-12-31",
    "created:9999",
    "created:9999-12",
    "created:9999-12-31",
    "created:..9999-12-31",
    "created:9999-12-31..",
    "created:2024-02-30",
    "created:2024-00",
    "created:-2024",
    "created:2024--01",
    "created:99999999999999999999-01-01",
    "created:2024-99999999999999999999",
    "created:....",
    "created:2025..2024",
    f"loss score:{HUGE} answers:..{HUGE} created:0001..9999",
    f"loss -score:{HUGE} [pytorch] is:question accepted:yes",
]


def _page_and_api_status(
    client: Client, q: str, sorts: tuple[str, ...] = SORTS
) -> list[tuple[str, str, int]]:
    """Every (where, sort, status) that came back 500 for `q`."""
    failures = []
    for sort in sorts:
        for url in (PAGE, API):
            status = client.get(url, {"q": q, "sort": sort}).status_code
            if status >= 500:
                failures.append((url, sort, status))
    return failures


@pytest.fixture
def client500(client: Client) -> Client:
    """A client that answers a crash with its 500 page instead of raising, so one
    test can collect every failing query."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def posts() -> list[Post]:
    """Questions and an answer with different scores, answer counts and dates."""
    made = [make_indexed(title=f"Loss curve {n}", body="loss 训练") for n in range(5)]
    make_indexed_answer(made[0], body="Lower the loss.")
    for post, score, year in zip(
        made, (-3, 0, 2, 7, 2**31 - 1), (2001, 2015, 2020, 2023, 2024), strict=True
    ):
        Post.objects.filter(pk=post.pk).update(
            score=score, created_at=datetime(year, 6, 1, tzinfo=UTC)
        )
    index_posts(post_ids=list(Post.objects.values_list("pk", flat=True)))
    return made


def ids(q: str) -> set[int]:
    return {hit.post.pk for hit in search_posts(q=q, per_page=50).hits}


def test_a_score_above_64_bits_finds_nothing_and_below_finds_everything(
    posts: list[Post],
) -> None:
    everything = set(SearchDocument.objects.values_list("post_id", flat=True))
    assert ids(f"score:{HUGE}") == set()
    assert ids(f"loss score:{HUGE}") == set()
    assert ids(f"score:..{HUGE}") == everything
    assert ids(f"score:-{HUGE}") == everything
    assert ids(f"score:..-{HUGE}") == set()
    assert ids(f"score:2..{HUGE}") == {posts[2].pk, posts[3].pk, posts[4].pk}


def test_an_answer_count_range_past_64_bits_keeps_its_lower_bound(posts: list[Post]) -> None:
    assert ids("answers:1..99999999999999999999") == {posts[0].pk}
    assert ids(f"loss answers:{HUGE}") == set()


def test_dates_at_the_ends_of_the_calendar(posts: list[Post]) -> None:
    everything = set(SearchDocument.objects.values_list("post_id", flat=True))
    assert ids("created:0001-01-01..9999-12-31") == everything
    assert ids("created:..9999-12-31") == everything
    assert ids("created:9999") == set()
    assert ids("created:0001") == ids("created 0001")  # not a year of the filter: words


def test_a_post_made_at_the_first_moment_of_a_day_is_in_that_day(posts: list[Post]) -> None:
    # posts[3] was made at 2023-06-01 00:00 UTC.
    assert ids("created:2023-06-01") == {posts[3].pk}
    assert ids("created:2023-06") == {posts[3].pk}
    assert ids("created:2023-05-31") == set()
    assert posts[3].pk not in ids("created:..2023-05-31")


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_filters_never_answer_500(client500: Client, q: str) -> None:
    make_indexed(title="Loss curve", body="loss", tags="pytorch")
    assert _page_and_api_status(client500, q) == []


def test_the_api_checks_huge_page_numbers(client: Client) -> None:
    for params in ({"page": HUGE}, {"per_page": HUGE}, {"page": "-" + HUGE}, {"page": "1e5"}):
        response = client.get(API, {"q": "loss", **params})
        assert response.status_code in (400, 422), params
        assert response["Content-Type"].startswith("application/json")


# The fuzz: random queries over the whole syntax, from one seed so that a
# failure is reproduced by running the test again.
KEYS = ["score", "answers", "created", "is", "accepted", "user", "space", "tag", "Score", "x"]


def _number(rng: random.Random) -> str:
    magnitude = rng.choice([1, 3, 9, 10, 19, 20, 40, 300])
    digits = "".join(rng.choice("0123456789") for _ in range(magnitude))
    return rng.choice(["", "", "-", "--", "+"]) + rng.choice([digits, "9" * magnitude, "0"])


def _range(rng: random.Random) -> str:
    shape = rng.choice(["{a}", "{a}..", "..{b}", "{a}..{b}", "..", "{a}...{b}", "{a}.{b}"])
    return shape.format(a=_number(rng), b=_number(rng))


def _day(rng: random.Random) -> str:
    year = rng.choice(["0000", "0001", "1899", "1900", "2024", "9999", "10000", _number(rng)])
    month = rng.choice(["", "-00", "-01", "-02", "-12", "-13", "-" + _number(rng)])
    day = rng.choice(["", "-00", "-01", "-29", "-31", "-32", "-" + _number(rng)]) if month else ""
    return year + month + day


def _token(rng: random.Random) -> str:
    key = rng.choice(KEYS)
    if key.lower() in ("score", "answers"):
        value = _range(rng)
    elif key == "created":
        value = rng.choice(
            [_day(rng), f"{_day(rng)}..", f"..{_day(rng)}", f"{_day(rng)}..{_day(rng)}"]
        )
    else:
        value = rng.choice(["yes", "question", "alice", "nlp", _number(rng), "", "..", "-"])
    token = f"{key}:{value}"
    return rng.choice([token, token, "-" + token, f'"{token}"', f"[{token}]", "loss", "训练"])


def fuzz_queries(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(_token(rng) for _ in range(rng.randint(1, 4))) for _ in range(count)]


def _expected(q: str) -> set[int]:
    """The documents passing the query's score, answers and created ranges, in Python."""
    query = parse_query(q)
    out = set()
    for doc in SearchDocument.objects.all():
        checks: list[tuple[Any, Any, Any, bool]] = []
        if query.score:
            checks.append((doc.score, *query.score, False))
        if query.answers:
            checks.append((doc.answer_count, *query.answers, False))
        if query.created:
            checks.append((doc.created_at, *query.created, True))
        if all(
            (low is None or value >= low)
            and (high is None or (value < high if open_high else value <= high))
            for value, low, high, open_high in checks
        ):
            out.add(doc.post_id)
    return out


def test_random_queries_never_answer_500(client500: Client) -> None:
    make_indexed(title="Loss curve", body="loss 训练", tags="pytorch")
    rng = random.Random(7)
    queries = fuzz_queries(20, 400)
    # Every query through the backend in a random order, some through the page and the API.
    failures: dict[str, object] = {}
    for q in queries:
        try:
            search_posts(q=q, sort=rng.choice(SORTS))
        except Exception as error:  # noqa: BLE001 (collect every failing query)
            failures[q] = repr(error)
    for q in queries[:50]:
        if bad := _page_and_api_status(client500, q, (rng.choice(SORTS),)):
            failures[q] = bad
    assert failures == {}


BOUNDS = ["-5", "-3", "0", "1", "2", "7", "2147483647", "2147483648", "9223372036854775807"]
BOUNDS += ["9223372036854775808", HUGE, "-" + HUGE, "-9223372036854775809", ""]
YEARS = ["0001", "1900", "2001", "2015", "2020", "2023", "2024", "9999", ""]


def _valid_filter(rng: random.Random) -> str:
    key = rng.choice(["score", "answers", "created"])
    if key == "created":
        day = lambda: rng.choice(YEARS) + rng.choice(["", "", "-06", "-12", "-06-01", "-12-31"])  # noqa: E731
        return f"created:{rng.choice(['{a}', '{a}..{b}'])}".format(a=day(), b=day())
    a, b = rng.choice(BOUNDS), rng.choice(BOUNDS)
    return f"{key}:{rng.choice(['{a}', '{a}..{b}'])}".format(a=a, b=b)


def test_random_ranges_select_what_they_say(posts: list[Post]) -> None:
    """Filters alone (no words): the backend's matches are the documents whose
    columns fall in the parsed ranges, clamped or not."""
    rng = random.Random(3)
    checked = 0
    for _ in range(150):
        q = " ".join(_valid_filter(rng) for _ in range(rng.randint(1, 3)))
        query = parse_query(q)
        if query.has_text or query.excluded or not query.has_filters:
            continue
        assert ids(q) == _expected(q), q
        checked += 1
    assert checked > 100  # most of the generated filters are valid
