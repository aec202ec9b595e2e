"""Hostile cursors for the post lists' fuzz tests (pages and API).

Seeded, so a failure names a cursor that fails again on the next run.
"""

from __future__ import annotations

import base64
import json
import random
from typing import Any

from deepcommons.posts.querysets import SORT_FIELDS


def b64(raw: bytes | str) -> str:
    data = raw.encode() if isinstance(raw, str) else raw
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(8 if depth < 4 else 5)
    if choice == 0:
        return rng.randint(-(2**70), 2**70)
    if choice == 1:
        return rng.uniform(-1e300, 1e300)
    if choice == 2:
        return "".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(12)))
    if choice == 3:
        return rng.choice([None, True, False, 0, -1, ""])
    if choice == 4:
        return rng.choice(["2024-01-01T00:00:00+00:00", "0001-01-01T00:00:00+14:00", "x"])
    if choice == 5:
        return [_random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    if choice == 6:
        # Right model and ordering, but with a stray key "x", so never valid.
        keys = ["x", *rng.sample(["v", "k"], rng.randrange(3))]
        return {"m": "posts.post", "o": rng.choice(["-score", "-hot", "-created_at", "-pk"])} | {
            k: _random_json(rng, depth + 1) for k in keys
        }
    return {str(_random_json(rng, 4)): _random_json(rng, depth + 1) for _ in range(2)}


def _shaped(order: str, value: Any, pk: Any) -> str:
    return b64(json.dumps({"m": "posts.post", "o": order, "v": value, "k": pk}))


def hostile_cursors(seed: int = 20, count: int = 40) -> list[str]:
    """Cursors no list may accept: garbage, wrong types, out-of-range values,
    the old [value, pk] format, and cursors shaped right but made for nothing."""
    rng = random.Random(seed)
    cursors = [
        "WzAsMTMyXQ",  # [0, 132]: the old format, from issue 20
        b64('[{"t": "2024-01-01T00:00:00"}, 1]'),
        "%%%garbage",
        "\u00e9\u4e2d",
        "A" * 5000,
        b64("[" * 3000 + "]" * 3000),
        b64('{"m": "posts.post", "o": "-hot", "v": NaN, "k": 1}'),
        b64('{"m": "posts.post", "o": "-hot", "v": Infinity, "k": 1}'),
        b64('{"m": "posts.post", "o": "-hot", "v": 1e400, "k": 1}'),
        _shaped("-score", 2**64, 1),
        _shaped("-score", 10**40, 10**40),
        _shaped("-score", 1.5, 1),
        _shaped("-score", "12", 1),
        _shaped("-score", [[[1]]], 1),
        _shaped("-score", True, 1),
        _shaped("-hot", 10**400, 1),
        _shaped("-hot", "1.0", 1),
        _shaped("-created_at", "9999-12-31T23:59:59-14:00", 1),
        _shaped("-created_at", "0001-01-01T00:00:00+14:00", 1),
        _shaped("-created_at", "2024-01-01T00:00:00", 1),
        _shaped("-created_at", 1_700_000_000, 1),
        _shaped("-created_at", "2024-01-01T00:00:00+00:00", -(2**63) - 1),
        _shaped("-created_at", "2024-01-01T00:00:00+00:00", "1"),
        _shaped("-last_activity_at", {"t": "2024-01-01T00:00:00+00:00"}, 1),
        _shaped("-title", "a", 1),
        b64(json.dumps({"m": "accounts.user", "o": "-created_at", "v": 1, "k": 1})),
    ]
    for _ in range(count):
        kind = rng.randrange(3)
        if kind == 0:
            cursors.append(b64(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 60)))))
        elif kind == 1:
            cursors.append(b64(json.dumps(_random_json(rng))))
        else:
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/."
            cursors.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 120))))
    return cursors


def sorts_with_another_field(sort: str) -> list[str]:
    """The sorts whose cursors must not be accepted by `sort`."""
    return [other for other, field in SORT_FIELDS.items() if field != SORT_FIELDS[sort]]
