"""Content health: unanswered questions by age, likely duplicates, flag trends, tag trends.

Only public content is named: published, live, not merged questions. Held
and deleted posts appear as weekly counts only, because operators are not
necessarily moderators. Everything stored is a number, an id, a key or a
title (data, not a label); the page translates the keys.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from django.db.models import Q

from deepcommons.moderation.models import Flag, FlagReason
from deepcommons.ops.snapshots.inputs import Inputs
from deepcommons.posts.models import CloseReason, Kind, Post

NAME = "health"
PER_SPACE = True

#: Age buckets of unanswered questions: (key, upper bound in days, exclusive).
AGE_BUCKETS: tuple[tuple[str, float], ...] = (
    ("lt1d", 1),
    ("1to7d", 7),
    ("7to30d", 30),
    ("30to90d", 90),
    ("gt90d", float("inf")),
)
#: Oldest unanswered questions kept per space (whole-community snapshot) and
#: for a space's own snapshot.
OLDEST_PER_SPACE = 5
OLDEST_IN_SPACE = 20

#: Likely duplicates: the most recent questions compared, the cosine
#: similarity of their titles' TF-IDF vectors above which a pair is listed,
#: and how many pairs are kept.
DUPLICATE_WINDOW = 2000
DUPLICATE_THRESHOLD = 0.6
DUPLICATE_PAIRS = 30
#: Up to this many cells (titles × n-grams), titles are compared densely.
DENSE_CELLS = 20_000_000

#: Flag and moderation trends: how many weeks (Monday to Sunday, UTC).
TREND_WEEKS = 26
#: A post counts as low-score below this score.
LOW_SCORE_BELOW = 0

#: Tag trends: posts in the last TAG_WINDOW_DAYS against the same span
#: before; a tag needs TAG_MIN_COUNT posts in one of them to be listed.
TAG_WINDOW_DAYS = 30
TAG_MIN_COUNT = 3
TAG_ROWS = 15

TOP_LEVEL = ("question", "discussion", "article", "tutorial")


def public_questions() -> Any:
    """Questions anyone may read: published, live, not merged away."""
    return Post.objects.published().alive().filter(kind=Kind.QUESTION)


# --- unanswered ---------------------------------------------------------------
def bucket_of(age_days: np.ndarray) -> np.ndarray:
    """Index into AGE_BUCKETS of each age (days)."""
    bounds = np.array([upper for _key, upper in AGE_BUCKETS[:-1]])
    return np.searchsorted(bounds, age_days, side="right")


def unanswered(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    """Open questions with no accepted and no upvoted live answer (the site's
    "Unanswered" list), by space and age, and the oldest of them per space."""
    rows = public_questions().unanswered().filter(closed_at__isnull=True)
    if space_id is not None:
        rows = rows.filter(space_id=space_id)
    frame = pd.DataFrame.from_records(
        list(
            rows.order_by("created_at", "pk").values_list("pk", "title", "space_id", "created_at")
        ),
        columns=["post_id", "title", "space_id", "created_at"],
    )
    names = inputs.spaces.set_index("space_id")
    spaces: list[dict[str, Any]] = []
    oldest: list[dict[str, Any]] = []
    if len(frame):
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
        age = ((inputs.now - frame["created_at"]) / pd.Timedelta(days=1)).to_numpy(float)
        frame["age_days"] = np.maximum(age, 0.0)
        frame["bucket"] = bucket_of(frame["age_days"].to_numpy())
        frame["space_id"] = frame["space_id"].astype("Int64")
        keep = OLDEST_IN_SPACE if space_id is not None else OLDEST_PER_SPACE
        for sid, group in frame.groupby("space_id", dropna=False, sort=False):
            known = pd.notna(sid) and int(sid) in names.index
            counts = np.bincount(group["bucket"], minlength=len(AGE_BUCKETS))
            spaces.append(
                {
                    "space_id": int(sid) if known else None,
                    "slug": str(names.at[int(sid), "slug"]) if known else "",
                    "name_en": str(names.at[int(sid), "name_en"]) if known else "",
                    "name_zh": str(names.at[int(sid), "name_zh"]) if known else "",
                    "counts": counts.astype(int).tolist(),
                    "total": len(group),
                }
            )
            for row in group.head(keep).itertuples():
                oldest.append(
                    {
                        "post_id": int(row.post_id),
                        "title": str(row.title),
                        "space_id": int(sid) if known else None,
                        "asked": row.created_at.isoformat(),
                        "age_days": round(float(row.age_days), 2),
                    }
                )
        spaces.sort(key=lambda s: (-s["total"], s["slug"]))
    return {
        "buckets": [key for key, _upper in AGE_BUCKETS],
        "spaces": spaces,
        "oldest": oldest,
        "total": len(frame),
    }


# --- likely duplicates --------------------------------------------------------
def similar_pairs(
    titles: list[str], *, threshold: float, limit: int
) -> list[tuple[int, int, float]]:
    """(i, j, cosine) of title pairs with i < j whose TF-IDF cosine is at least
    `threshold`, most similar first. Character n-grams within words, so it
    works for Chinese titles (no spaces) as for English ones."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(titles) < 2:
        return []
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), lowercase=True, sublinear_tf=True
    )
    try:
        matrix = vectorizer.fit_transform(titles)
    except ValueError:  # no n-grams at all (one-letter titles)
        return []
    matrix = matrix.astype(np.float32)
    if matrix.shape[0] * matrix.shape[1] <= DENSE_CELLS:
        # Short, alike titles share most n-grams: the product is nearly
        # dense, and BLAS on a dense copy is several times faster.
        dense = matrix.toarray()
        gram = dense @ dense.T
        rows, cols = np.nonzero(np.triu(gram >= threshold, 1))
        values = gram[rows, cols]
    else:
        cosine = (matrix @ matrix.T).tocoo()
        upper = (cosine.row < cosine.col) & (cosine.data >= threshold)
        rows, cols, values = cosine.row[upper], cosine.col[upper], cosine.data[upper]
    order = np.lexsort((cols, rows, -values))[:limit]
    return [(int(rows[k]), int(cols[k]), float(values[k])) for k in order]


def duplicates(space_id: int | None) -> dict[str, Any]:
    """Pairs of recent open questions whose titles look alike, leaving out
    questions already closed as duplicates."""
    rows = public_questions().exclude(close_reason=CloseReason.DUPLICATE)
    if space_id is not None:
        rows = rows.filter(space_id=space_id)
    recent = list(
        rows.order_by("-created_at", "-pk").values_list("pk", "title", "duplicate_of_id")[
            :DUPLICATE_WINDOW
        ]
    )
    pairs = []
    for i, j, cosine in similar_pairs(
        [title for _pk, title, _dup in recent], threshold=DUPLICATE_THRESHOLD, limit=DUPLICATE_PAIRS
    ):
        (a, a_title, a_dup), (b, b_title, b_dup) = recent[i], recent[j]
        if a_dup == b or b_dup == a:
            continue
        # The older question first: it is the one the newer would duplicate.
        pairs.append(
            {
                "older": int(b),
                "older_title": b_title,
                "newer": int(a),
                "newer_title": a_title,
                "similarity": round(cosine, 4),
            }
        )
    return {
        "window": DUPLICATE_WINDOW,
        "compared": len(recent),
        "threshold": DUPLICATE_THRESHOLD,
        "pairs": pairs,
    }


# --- flags and moderation trends ----------------------------------------------
def week_starts(now: pd.Timestamp) -> pd.DatetimeIndex:
    """The TREND_WEEKS Monday midnights (UTC) ending with this week's."""
    this_week = now.floor("D") - pd.Timedelta(days=int(now.weekday()))
    return pd.date_range(end=this_week, periods=TREND_WEEKS, freq="7D")


def _per_week(stamps: pd.Series, weeks: pd.DatetimeIndex) -> list[int]:
    stamps = pd.to_datetime(stamps.dropna(), utc=True)
    index = ((stamps - weeks[0]) // pd.Timedelta(days=7)).to_numpy(np.int64)
    index = index[(index >= 0) & (index < len(weeks))]
    return np.bincount(index, minlength=len(weeks)).astype(int).tolist()


def trends(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    """Weekly flags by reason (in a space: flags on its posts and their
    comments), and posts held, closed, deleted and scoring low each week."""
    weeks = week_starts(inputs.now)
    flags = Flag.objects.filter(created_at__gte=weeks[0].to_pydatetime())
    if space_id is not None:
        flags = flags.filter(
            Q(post__space_id=space_id)
            | Q(post__parent__space_id=space_id)
            | Q(comment__post__space_id=space_id)
            | Q(comment__post__parent__space_id=space_id)
        )
    frame = pd.DataFrame.from_records(
        list(flags.order_by().values_list("created_at", "reason")), columns=["created_at", "reason"]
    )
    by_reason = {
        reason: _per_week(frame.loc[frame["reason"] == reason, "created_at"], weeks)
        for reason in FlagReason.values
    }
    posts = inputs.posts
    if space_id is not None:
        parents = posts.set_index("post_id")["space_id"]
        thread_space = posts["space_id"].fillna(posts["parent_id"].map(parents))
        posts = posts[(thread_space == space_id).fillna(False).to_numpy(bool)]
    held = posts[posts["status"] == "held"]
    low = posts[
        (posts["score"] < LOW_SCORE_BELOW)
        & (posts["status"] == "published")
        & posts["deleted_at"].isna()
    ]
    return {
        "weeks": [f"{week:%Y-%m-%d}" for week in weeks],
        "flags": by_reason,
        "flags_total": int(sum(sum(v) for v in by_reason.values())),
        "flags_ever": Flag.objects.exists(),
        "posts": {
            "held": _per_week(held["created_at"], weeks),
            "closed": _per_week(posts["closed_at"], weeks),
            "deleted": _per_week(posts["deleted_at"], weeks),
            "low_score": _per_week(low["created_at"], weeks),
        },
    }


# --- rising and falling tags ---------------------------------------------------
def tag_trends(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    """Public top-level posts per tag in the last TAG_WINDOW_DAYS days and in
    the same span before; tags with at least TAG_MIN_COUNT posts in either."""
    now = inputs.now.to_pydatetime()
    recent_start = now - pd.Timedelta(days=TAG_WINDOW_DAYS)
    before_start = now - pd.Timedelta(days=2 * TAG_WINDOW_DAYS)
    rows = (
        Post.objects.published()
        .alive()
        .filter(kind__in=TOP_LEVEL, created_at__gte=before_start, created_at__lte=now)
    )
    if space_id is not None:
        rows = rows.filter(space_id=space_id)
    frame = pd.DataFrame.from_records(
        list(rows.filter(tags__isnull=False).order_by().values_list("tags__name", "created_at")),
        columns=["tag", "created_at"],
    )
    table: list[dict[str, Any]] = []
    if len(frame):
        frame["recent"] = pd.to_datetime(frame["created_at"], utc=True) >= recent_start
        counts = frame.groupby("tag")["recent"].agg(recent="sum", total="count")
        counts["before"] = counts["total"] - counts["recent"]
        counts = counts[(counts["recent"] >= TAG_MIN_COUNT) | (counts["before"] >= TAG_MIN_COUNT)]
        for tag, row in counts.iterrows():
            recent, before = int(row["recent"]), int(row["before"])
            table.append(
                {
                    "tag": str(tag),
                    "recent": recent,
                    "before": before,
                    "change": recent - before,
                    "ratio": round(recent / before, 4) if before else None,
                }
            )
    rising = sorted(
        (t for t in table if t["change"] > 0), key=lambda t: (-t["change"], -t["recent"], t["tag"])
    )
    falling = sorted(
        (t for t in table if t["change"] < 0), key=lambda t: (t["change"], -t["before"], t["tag"])
    )
    return {
        "window_days": TAG_WINDOW_DAYS,
        "min_count": TAG_MIN_COUNT,
        "rising": rising[:TAG_ROWS],
        "falling": falling[:TAG_ROWS],
    }


def compute(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    return {
        "now": inputs.now.isoformat(),
        "unanswered": unanswered(inputs, space_id),
        "duplicates": duplicates(space_id),
        "trends": trends(inputs, space_id),
        "tags": tag_trends(inputs, space_id),
    }
