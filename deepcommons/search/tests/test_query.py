from datetime import UTC, datetime

import pytest

from deepcommons.search.query import QUERY_MAX, parse_query


def test_words_phrases_exclusions_and_tags_are_separated() -> None:
    query = parse_query('fix "cuda out of memory" -tensorflow [PyTorch] -[keras]')
    assert query.terms == ["fix"]
    assert query.phrases == [["cuda", "out", "of", "memory"]]
    assert query.excluded == [["tensorflow"], ["keras"]]
    assert query.tags == ["pytorch"]


def test_operators_set_filters() -> None:
    query = parse_query(
        "user:@alice space:NLP is:questions answers:0 accepted:yes score:5.. created:2024..2025"
    )
    assert query.users == ["alice"]
    assert query.spaces == ["nlp"]
    assert query.kinds == ["question"]
    assert query.answers == (0, 0)
    assert query.accepted is True
    assert query.score == (5, None)
    assert query.created == (datetime(2024, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
    assert not query.has_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("score:5", (5, None)),
        ("score:..10", (None, 10)),
        ("score:8..2", (2, 8)),
        ("score:-3..", (-3, None)),
        ("answers:3", (3, None)),
        # Past 64 bits a bound is clamped, which selects the same rows.
        ("score:99999999999999999999999", (2**63 - 1, None)),
        ("score:9223372036854775808", (2**63 - 1, None)),
        ("score:-99999999999999999999", (-(2**63), None)),
        ("answers:1..99999999999999999999", (1, 2**63 - 1)),
        ("score:..-99999999999999999999", (None, -(2**63))),
        ("score:99999999999999999999..-99999999999999999999", (-(2**63), 2**63 - 1)),
        ("score:0000000000000000000000005", (5, None)),
        ("score:５", (5, None)),  # full-width digits, as a Chinese input method types them
    ],
)
def test_ranges(text: str, expected: tuple[int | None, int | None]) -> None:
    query = parse_query(text)
    assert (query.score or query.answers) == expected


def test_month_and_day_dates_end_after_the_period() -> None:
    assert parse_query("created:2024-12").created == (
        datetime(2024, 12, 1, tzinfo=UTC),
        datetime(2025, 1, 1, tzinfo=UTC),
    )
    assert parse_query("created:2024-02-29..2024-03-01").created == (
        datetime(2024, 2, 29, tzinfo=UTC),
        datetime(2024, 3, 2, tzinfo=UTC),
    )


def test_a_period_ending_after_the_last_date_is_open_ended() -> None:
    last = datetime.max.replace(tzinfo=UTC)
    assert parse_query("created:9999").created == (datetime(9999, 1, 1, tzinfo=UTC), last)
    assert parse_query("created:9999-12").created == (datetime(9999, 12, 1, tzinfo=UTC), last)
    assert parse_query("created:..9999-12-31").created == (None, last)
    assert parse_query("created:0001-01-01").created == (
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1, 1, 2, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    "text",
    [
        "score:lots",
        "created:2024-13",
        "is:banana",
        "accepted:maybe",
        "foo:bar",
        "score:-",
        "answers:-..-",
        "score:1.5",
        "created:99999-01-01",
        "created:0000-00-00",
        "created:2023-02-29",
        "created:1899",
    ],
)
def test_invalid_operators_are_searched_as_text(text: str) -> None:
    query = parse_query(text)
    assert not query.has_filters
    assert query.terms  # the pieces became words


def test_fts_operators_and_punctuation_are_plain_words_or_nothing() -> None:
    assert parse_query('"*NEAR OR )').phrases == [["near", "or"]]
    assert parse_query("!!! ??? ... ***").is_empty
    assert parse_query("").is_empty
    assert parse_query("-").is_empty


def test_chinese_is_segmented_and_stop_words_dropped() -> None:
    query = parse_query("PyTorch 显存不足 怎么办")
    assert query.terms == ["pytorch", "显存不足"]


def test_stop_words_alone_are_kept() -> None:
    assert parse_query("how to").terms == ["how", "to"]


def test_long_queries_are_cut() -> None:
    query = parse_query("word " * 1000)
    assert query.terms == ["word"]
    assert len(("x" * 5000)[:QUERY_MAX]) == QUERY_MAX
