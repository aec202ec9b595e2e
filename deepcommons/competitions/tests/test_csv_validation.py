"""Each kind of bad submission file is refused with a message that says what is wrong."""

from __future__ import annotations

import pytest

from deepcommons.competitions.scoring import Metric, Spec, SubmissionError, score_files

SPEC = Spec(
    id_column="id", prediction_columns=("price",), metric=Metric.RMSE, seed="s", public_percent=50
)
SOLUTION = b"id,price\n" + b"".join(f"{i},{i * 1.5}\n".encode() for i in range(1, 11))


def good_rows(skip: int | None = None) -> list[str]:
    return [f"{i},{i}" for i in range(1, 11) if i != skip]


def refusal(text: bytes | str, spec: Spec = SPEC) -> SubmissionError:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(SubmissionError) as caught:
        score_files(SOLUTION, data, spec)
    return caught.value


def test_a_clean_file_scores() -> None:
    result = score_files(SOLUTION, ("id,price\n" + "\n".join(good_rows())).encode(), SPEC)
    assert result["rows"] == 10
    assert result["public"] is not None and result["private"] is not None


def test_columns_in_another_order_are_fine() -> None:
    text = "price,id\n" + "\n".join(f"{i},{i}" for i in range(1, 11))
    assert score_files(SOLUTION, text.encode(), SPEC)["rows"] == 10


def test_missing_ids_are_named() -> None:
    error = refusal("id,price\n" + "\n".join(good_rows(skip=4)))
    assert error.code == "missing_ids"
    assert "1 ids of the test set are missing, e.g. 4" in error.message


def test_duplicate_ids_are_named() -> None:
    error = refusal("id,price\n" + "\n".join([*good_rows(skip=10), "3,3"]))
    assert error.code == "duplicate_ids"
    assert "e.g. 3" in error.message


def test_unknown_ids_are_named() -> None:
    error = refusal("id,price\n" + "\n".join([*good_rows(skip=10), "99,1"]))
    assert error.code == "unknown_ids"
    assert "99" in error.message


def test_extra_rows_are_refused() -> None:
    error = refusal("id,price\n" + "\n".join([*good_rows(), "11,1", "12,1"]))
    assert error.code == "extra_rows"
    assert "(10)" in error.message


def test_wrong_columns_name_what_is_missing_and_unexpected() -> None:
    error = refusal("id,prediction\n" + "\n".join(good_rows()))
    assert error.code == "columns"
    assert "missing price" in error.message and "unexpected prediction" in error.message
    assert "id,price" in error.message


def test_nan_and_empty_cells_are_refused_with_their_row() -> None:
    rows = good_rows()
    rows[2] = "3,NaN"
    error = refusal("id,price\n" + "\n".join(rows))
    assert (error.code, error.params["row"]) == ("nan", 4)
    rows[2] = "3,"
    assert refusal("id,price\n" + "\n".join(rows)).code == "nan"


def test_non_numeric_values_are_refused_with_the_value() -> None:
    rows = good_rows()
    rows[5] = "6,cheap"
    error = refusal("id,price\n" + "\n".join(rows))
    assert error.code == "non_numeric"
    assert "row 7" in error.message and "'cheap'" in error.message
    rows[5] = "6,inf"
    assert refusal("id,price\n" + "\n".join(rows)).code == "non_numeric"


def test_a_file_that_is_not_utf8_is_refused() -> None:
    text = ("id,price\n" + "\n".join(good_rows())).encode() + "\n# 价格".encode("gbk")
    error = refusal(text)
    assert error.code == "encoding"
    assert "UTF-8" in error.message


def test_a_utf8_bom_is_accepted() -> None:
    text = "\ufeffid,price\n" + "\n".join(good_rows())
    assert score_files(SOLUTION, text.encode(), SPEC)["rows"] == 10


def test_a_ragged_row_is_malformed() -> None:
    rows = good_rows()
    rows[1] = "2,2,2,2"
    error = refusal("id,price\n" + "\n".join(rows))
    assert error.code == "malformed"


def test_an_empty_file_is_refused() -> None:
    assert refusal(b"").code == "empty"


def test_labels_may_be_text_for_classification() -> None:
    spec = Spec(id_column="id", prediction_columns=("label",), metric=Metric.ACCURACY, seed="s")
    solution = "id,label\n1,体育\n2,财经\n3,科技\n".encode()
    result = score_files(solution, "id,label\n3,科技\n1,体育\n2,体育\n".encode(), spec)
    scores = [s for s in (result["public"], result["private"]) if s is not None]
    assert scores and all(0 <= s <= 1 for s in scores)
