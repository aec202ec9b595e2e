"""Keyset (cursor) pagination: pages stay fast and stable however deep you go.

A page is `per_page` rows of a queryset ordered by one field, ties broken by
the primary key in the same direction. The cursor names the row after which
the next page starts. It is opaque to clients but not secret: base64 of a
small JSON object that also records what it was made for (the model and the
ordering), so a cursor from another list or another sort, a tampered one or
plain garbage is recognised and refused with `InvalidCursor`, never passed to
the database where it could raise.

Callers decide what a refused cursor means: the list pages show page 1 (a
person following a stale link still gets a useful page), the JSON API answers
400 (a client paging with a wrong cursor has a bug it should hear about).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q, QuerySet

M = TypeVar("M", bound=models.Model)

# Long enough for any real cursor (about 120 characters for a datetime
# ordering), short enough that decoding garbage costs nothing and JSON
# nesting cannot get deep enough to hit the recursion limit.
MAX_CURSOR_LENGTH = 256
# Every backend stores integers in at most 64 bits; a larger value in a
# cursor is tampering and would overflow the database driver.
INT64 = (-(2**63), 2**63 - 1)


class InvalidCursor(ValueError):
    """The cursor was not made by `encode_cursor` for this model and ordering."""


@dataclass
class KeysetPage(Generic[M]):
    items: list[M]
    next_cursor: str | None


def _ordering(field: str, descending: bool) -> str:
    return f"-{field}" if descending else field


def _is_pk(model: type[models.Model], field: str) -> bool:
    return field == "pk" or field == model._meta.pk.name  # type: ignore[union-attr]


def _resolve(model: type[models.Model], path: str) -> models.Field[Any, Any]:
    """The field `path` names, following foreign keys: "conversation__last_message_at"."""
    *relations, name = path.split("__")
    for relation in relations:
        related = model._meta.get_field(relation).related_model
        if related is None or isinstance(related, str):
            raise FieldDoesNotExist(path)
        model = related
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise FieldDoesNotExist(path)
    return field


def _value_of(obj: models.Model, path: str) -> Any:
    value: Any = obj
    for part in path.split("__"):
        value = getattr(value, part)
    return value


def encode_cursor(
    model: type[models.Model], *, field: str, descending: bool, value: Any, pk: Any
) -> str:
    """The cursor that starts the page after the row with (`value`, `pk`)."""
    if isinstance(value, datetime):
        value = value.isoformat()
    data = {"m": model._meta.label_lower, "o": _ordering(field, descending), "v": value, "k": pk}
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _clean_int(value: Any) -> int:
    # bool is an int in Python; a cursor never holds one.
    if type(value) is not int or not INT64[0] <= value <= INT64[1]:
        raise InvalidCursor
    return value


def _clean_value(field: models.Field[Any, Any], value: Any) -> Any:
    """`value` as the field's Python type, or InvalidCursor."""
    if isinstance(field, models.DateTimeField):
        if not isinstance(value, str):
            raise InvalidCursor
        try:
            moment = datetime.fromisoformat(value)
            # Out-of-range moments (year 1 at +14:00) overflow here, not in the database.
            moment.astimezone(UTC)
        except (ValueError, OverflowError):
            raise InvalidCursor from None
        if moment.tzinfo is None:
            raise InvalidCursor
        return moment
    if isinstance(field, models.IntegerField | models.AutoField):
        return _clean_int(value)
    if isinstance(field, models.FloatField):
        if type(value) not in (int, float):
            raise InvalidCursor
        try:
            number = float(value)
        except OverflowError:
            raise InvalidCursor from None
        if not math.isfinite(number):
            raise InvalidCursor
        return number
    if isinstance(value, bool | list | dict) or value is None:
        raise InvalidCursor
    try:
        return field.to_python(value)
    except (ValidationError, TypeError, ValueError, OverflowError):
        raise InvalidCursor from None


def decode_cursor(
    model: type[models.Model], cursor: str, *, field: str, descending: bool = True
) -> tuple[Any, int] | None:
    """(value, pk) after which the page starts; None for an empty cursor (page 1).

    Raises InvalidCursor for anything `encode_cursor` did not make for this
    model and ordering."""
    if not cursor:
        return None
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidCursor
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (ValueError, binascii.Error, RecursionError):
        raise InvalidCursor from None
    if not isinstance(data, dict) or set(data) != {"m", "o", "v", "k"}:
        raise InvalidCursor
    if data["m"] != model._meta.label_lower or data["o"] != _ordering(field, descending):
        raise InvalidCursor
    pk = _clean_int(data["k"])
    if _is_pk(model, field):
        return pk, pk
    try:
        model_field = _resolve(model, field)
    except FieldDoesNotExist:
        raise InvalidCursor from None
    return _clean_value(model_field, data["v"]), pk


def is_valid_cursor(
    model: type[models.Model], cursor: str, *, field: str, descending: bool = True
) -> bool:
    """Whether `cursor` would be accepted; pages use it to fall back to page 1."""
    try:
        decode_cursor(model, cursor, field=field, descending=descending)
    except InvalidCursor:
        return False
    return True


def keyset_page(
    queryset: QuerySet[M], *, field: str, cursor: str, per_page: int, descending: bool = True
) -> KeysetPage[M]:
    """One page of `queryset` ordered by `field` then pk (both descending unless
    `descending=False`), starting after `cursor` ("" for the first page).

    `field` must be a non-null column, on the model or across foreign keys
    ("conversation__last_message_at"; select_related it). Raises InvalidCursor for a cursor made
    for another model or ordering, or not made by `encode_cursor` at all.
    """
    model = queryset.model
    position = decode_cursor(model, cursor, field=field, descending=descending)
    after = "lt" if descending else "gt"
    if _is_pk(model, field):
        queryset = queryset.order_by(_ordering("pk", descending))
        if position is not None:
            queryset = queryset.filter(**{f"pk__{after}": position[1]})
    else:
        queryset = queryset.order_by(_ordering(field, descending), _ordering("pk", descending))
        if position is not None:
            value, pk = position
            queryset = queryset.filter(
                Q(**{f"{field}__{after}": value}) | Q(**{field: value, f"pk__{after}": pk})
            )
    items = list(queryset[: per_page + 1])
    next_cursor = None
    if len(items) > per_page:
        items = items[:per_page]
        last = items[-1]
        next_cursor = encode_cursor(
            model,
            field=field,
            descending=descending,
            value=last.pk if _is_pk(model, field) else _value_of(last, field),
            pk=last.pk,
        )
    return KeysetPage(items=items, next_cursor=next_cursor)


def page_or_first(
    queryset: QuerySet[M], *, field: str, cursor: str, per_page: int, descending: bool = True
) -> KeysetPage[M]:
    """`keyset_page`, but a refused cursor gives page 1: what list pages do,
    since a person following a stale or edited link should still get a page."""
    try:
        return keyset_page(
            queryset, field=field, cursor=cursor, per_page=per_page, descending=descending
        )
    except InvalidCursor:
        return keyset_page(
            queryset, field=field, cursor="", per_page=per_page, descending=descending
        )
