"""Incentives: how reputation and badges are spread, who is close to a privilege,
and who moved on the reputation leaderboard.

Reads the reputation ledger (`ReputationChange`), badge awards and the
members' cached totals (`User.reputation`). Members are active accounts;
usernames are stored (they are data), privilege and badge names are keys
the page translates. Reputation, badges and privileges are the whole
community's; a space's snapshot holds only its leaderboard movement, from
the ledger rows earned on its posts (as the site's space leaderboards).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db.models import Count, Q

from deepcommons.accounts import privileges
from deepcommons.accounts.models import User
from deepcommons.ops.snapshots.inputs import Inputs
from deepcommons.reputation.badges import CLASS_ORDER, get_badge
from deepcommons.reputation.models import BadgeAward, ReputationChange

NAME = "incentives"
PER_SPACE = True

#: Lower edges of the reputation histogram's buckets (1-2-5 steps, so each
#: bucket is about as wide on a log scale); below 2 is "the starting 1".
REPUTATION_EDGES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000)

#: A member is close to a privilege within this many points of its
#: threshold, and never more than this share of the threshold away (so
#: "close" to 15 means 14, not everybody).
NEAR_POINTS = 50
NEAR_SHARE = 0.10
NEAR_ROWS = 100

#: Leaderboard movement: rolling periods (days) compared with the one before.
PERIODS = {"week": 7, "month": 30}
BOARD = 100
MOVERS = 20


# --- distributions --------------------------------------------------------------
def members() -> Any:
    return User.objects.filter(is_active=True)


def reputation_histogram() -> dict[str, Any]:
    """Active members per reputation bucket [edge_i, edge_{i+1}); the first
    bucket also holds anything below 1 (reputation taken back)."""
    values = np.fromiter(members().values_list("reputation", flat=True), dtype=np.int64)
    edges = np.asarray(REPUTATION_EDGES[1:])
    index = np.searchsorted(edges, values, side="right")
    counts = np.bincount(index, minlength=len(REPUTATION_EDGES))
    return {
        "edges": list(REPUTATION_EDGES),
        "counts": counts.astype(int).tolist(),
        "members": len(values),
        "median": float(np.median(values)) if len(values) else None,
    }


def badge_counts() -> dict[str, Any]:
    """Awards and distinct holders per badge (active holders), in the
    registry's order (gold, silver, bronze), and totals per class."""
    rows = (
        BadgeAward.objects.filter(user__is_active=True)
        .order_by()
        .values("badge")
        .annotate(awards=Count("pk"), holders=Count("user_id", distinct=True))
        .values_list("badge", "awards", "holders")
    )
    badges: list[dict[str, Any]] = []
    for slug, awards, holders in rows:
        badge = get_badge(slug)
        level = str(badge.level) if badge is not None else ""
        badges.append({"badge": slug, "level": level, "awards": awards, "holders": holders})
    order = {str(level): i for i, level in enumerate(CLASS_ORDER)}
    badges.sort(key=lambda b: (order.get(b["level"], len(order)), -b["awards"], b["badge"]))
    levels = {str(level): 0 for level in CLASS_ORDER}
    for row in badges:
        if row["level"] in levels:
            levels[row["level"]] += row["awards"]
    return {"badges": badges, "levels": levels}


# --- close to a privilege -----------------------------------------------------------
def near_window(threshold: int) -> int:
    """How many points below `threshold` still count as close to it."""
    return max(0, min(NEAR_POINTS, math.floor(NEAR_SHARE * threshold)))


def near_privileges() -> dict[str, Any]:
    """Members just below the threshold of the next privilege they lack, and
    per privilege how many hold it and how many are close. Staff and
    moderators hold every privilege already; they are left out of the list."""
    table = privileges.thresholds()
    by_threshold: dict[int, list[str]] = {}
    for privilege in privileges.PRIVILEGES:
        by_threshold.setdefault(table[privilege.name], []).append(privilege.name)
    thresholds = sorted(by_threshold)
    windows = {t: near_window(t) for t in thresholds}
    close = Q(pk__in=[])
    for threshold in thresholds:
        if windows[threshold]:
            close |= Q(reputation__gte=threshold - windows[threshold], reputation__lt=threshold)
    candidates = (
        members()
        .filter(close, is_staff=False, is_superuser=False)
        .exclude(groups__name__in=["Moderators", "Administrators"])
        .order_by()
        .values_list("pk", "username", "reputation")
    )
    rows = []
    close_counts = dict.fromkeys(thresholds, 0)
    for pk, username, reputation in candidates:
        following = next((t for t in thresholds if t > reputation), None)
        if following is None or following - reputation > windows[following]:
            continue
        close_counts[following] += 1
        rows.append(
            {
                "user_id": pk,
                "username": username,
                "reputation": reputation,
                "threshold": following,
                "gap": following - reputation,
                "unlocks": by_threshold[following],
            }
        )
    rows.sort(key=lambda r: (r["gap"] / max(r["threshold"], 1), r["gap"], r["username"]))
    holders = members().aggregate(
        **{f"t{t}": Count("pk", filter=Q(reputation__gte=t)) for t in thresholds}
    )
    return {
        "near_points": NEAR_POINTS,
        "near_share": NEAR_SHARE,
        "privileges": [
            {
                "names": by_threshold[t],
                "threshold": t,
                "holders": int(holders[f"t{t}"]),
                "close": close_counts[t],
                "window": windows[t],
            }
            for t in thresholds
        ],
        "members": rows[:NEAR_ROWS],
        "close_total": len(rows),
    }


# --- leaderboard movement --------------------------------------------------------------
def _board(start: datetime, end: datetime, space_id: int | None) -> list[tuple[int, int]]:
    """(user id, net gain) of the top BOARD members who gained in [start, end)."""
    rows = ReputationChange.objects.since(start).filter(created_at__lt=end)
    if space_id is not None:
        rows = rows.in_space(space_id)
    return rows.gains_by_user(limit=BOARD)


def _rose(row: dict[str, Any]) -> bool:
    if not row["rank"]:
        return False
    return bool(row["move"] > 0 or row["previous_rank"] is None)


def _fell(row: dict[str, Any]) -> bool:
    if not row["previous_rank"]:
        return False
    return bool(row["move"] < 0 or row["rank"] is None)


def movement(now: datetime, days: int, space_id: int | None = None) -> dict[str, Any]:
    """Ranks by net reputation gained in the last `days` days against the
    `days` before. A member off one board counts as just below its last
    place, so entering at third a board that had two members is rising by
    one. Every member new to the board is among the risers and every one who
    left it among the fallers, ordered by that same move."""
    current = _board(now - timedelta(days=days), now, space_id)
    previous = _board(now - timedelta(days=2 * days), now - timedelta(days=days), space_id)
    active = members().in_bulk({u for u, _g in current} | {u for u, _g in previous})
    current = [(u, g) for u, g in current if u in active]
    previous = [(u, g) for u, g in previous if u in active]
    rank_now = {u: i for i, (u, _g) in enumerate(current, start=1)}
    rank_before = {u: i for i, (u, _g) in enumerate(previous, start=1)}
    gain_now, gain_before = dict(current), dict(previous)
    rows = []
    for user_id in rank_now.keys() | rank_before.keys():
        now_rank, before_rank = rank_now.get(user_id), rank_before.get(user_id)
        rows.append(
            {
                "user_id": user_id,
                "username": active[user_id].username,
                "rank": now_rank,
                "previous_rank": before_rank,
                "gained": gain_now.get(user_id, 0),
                "previous_gained": gain_before.get(user_id, 0),
                "move": (before_rank or len(previous) + 1) - (now_rank or len(current) + 1),
            }
        )
    rose = sorted(
        (r for r in rows if _rose(r)),
        key=lambda r: (-r["move"], r["rank"], r["username"]),
    )
    fell = sorted(
        (r for r in rows if _fell(r)),
        key=lambda r: (r["move"], r["previous_rank"], r["username"]),
    )
    return {
        "days": days,
        "board": len(current),
        "previous_board": len(previous),
        "rose": rose[:MOVERS],
        "fell": fell[:MOVERS],
    }


def compute(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    now = inputs.now.to_pydatetime()
    moves = {key: movement(now, days, space_id) for key, days in PERIODS.items()}
    if space_id is not None:
        return {"now": now.isoformat(), "movement": moves}
    return {
        "now": now.isoformat(),
        "reputation": reputation_histogram(),
        "badges": badge_counts(),
        "near": near_privileges(),
        "movement": moves,
    }
