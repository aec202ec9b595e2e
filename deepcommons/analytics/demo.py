"""Six months of plausible, reproducible activity history for the demo members.

People join along a logistic curve, are active on some days, and leave
silently after an active day with a personal probability (the BG/NBD story).
On active days they visit, search, post, follow and message; posts spread
through the active members like the Bass model (a few posts go viral), and
the people engaging answer, comment, vote on and accept. The same seed gives
the same history relative to today. Real posts are used when the posts app
has some; the rest are stand-ins with object_type "demo.post". Rebuilding
(`manage.py demo --force`) replaces the members' activity history.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.apps import apps
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.analytics.models import ActivityEvent, ActivityKind

SEED = 20_240_601
HISTORY_DAYS = 180
#: Contribution weight of each kind, stored in `value` (RFM's "monetary").
WEIGHT = {
    ActivityKind.POST: 5.0,
    ActivityKind.ANSWER: 3.0,
    ActivityKind.ACCEPT: 2.0,
}


def build(stdout: Any) -> None:
    users = list(User.objects.active().order_by("pk"))
    if len(users) < 3:
        stdout.write("  activity history skipped: fewer than 3 members")
        return
    ActivityEvent.objects.filter(user__in=users).delete()
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    history = History(users, today - timedelta(days=HISTORY_DAYS), np.random.default_rng(SEED))
    history.simulate()
    ActivityEvent.objects.bulk_create(history.events, batch_size=2000)
    stdout.write(f"  {len(history.events)} activity events over {HISTORY_DAYS} days")


class History:
    def __init__(self, users: list[User], start: datetime, rng: np.random.Generator) -> None:
        self.users = users
        self.start = start
        self.rng = rng
        self.events: list[ActivityEvent] = []
        self.following: dict[int, set[int]] = defaultdict(set)
        self.real_posts = _existing_posts()
        self.next_demo_post = 1
        # People mostly follow and answer those who write in their language, which
        # gives the network two visible communities.
        language = np.array([u.preferred_language or "en" for u in users])
        self.affinity = np.where(language[:, None] == language[None, :], 1.0, 0.25)

    def emit(
        self,
        who: int,
        kind: str,
        day: int,
        *,
        target: int | None = None,
        obj: tuple[str, int] | None = None,
    ) -> None:
        moment = self.start + timedelta(
            days=day, seconds=int(self.rng.integers(7 * 3600, 23 * 3600))
        )
        self.events.append(
            ActivityEvent(
                user=self.users[who],
                kind=kind,
                occurred_at=moment,
                target_user=self.users[target] if target is not None else None,
                object_type=obj[0] if obj else "",
                object_id=obj[1] if obj else None,
                value=WEIGHT.get(kind, 1.0),  # type: ignore[call-overload]
            )
        )

    def activity(self) -> np.ndarray:
        """active[u, d]: u was on the site on day d (joined, not yet gone, chose to come)."""
        rng, n = self.rng, len(self.users)
        # Joining follows a logistic curve centred ten weeks in; the first member founded it.
        joined = np.sort(np.clip(rng.logistic(70, 16, n), 0, HISTORY_DAYS - 5)).astype(int)
        joined[0] = 0
        daily = np.clip(rng.gamma(2.0, 0.22, n), 0.05, 0.9)
        leave = rng.beta(1.0, 30.0, n)
        leave[: max(1, n // 6)] = 0.0  # a core that stays
        active = np.zeros((n, HISTORY_DAYS), dtype=bool)
        for u in range(n):
            for day in range(joined[u], HISTORY_DAYS):
                if day == joined[u] or rng.random() < daily[u]:
                    active[u, day] = True
                    if rng.random() < leave[u]:
                        break
        return active

    def simulate(self) -> None:
        rng = self.rng
        active = self.activity()
        n = len(self.users)
        popularity = np.ones(n)
        posts: list[tuple[int, int, tuple[str, int]]] = []
        for day in range(HISTORY_DAYS):
            for u in map(int, np.flatnonzero(active[:, day])):
                self.emit(u, ActivityKind.VISIT, day)
                if rng.random() < 0.35:
                    self.emit(u, ActivityKind.SEARCH, day)
                first_days = active[u, : day + 1].sum() <= 3
                if first_days or rng.random() < 0.04:
                    joined = np.asarray(active[:, : day + 1].any(axis=1))
                    self.follow_someone(u, day, joined, popularity)
                if self.following[u] and rng.random() < 0.08:
                    other = int(rng.choice(sorted(self.following[u])))
                    self.emit(u, ActivityKind.MESSAGE, day, target=other)
                if rng.random() < 0.10:
                    post = self.new_post(u)
                    self.emit(u, ActivityKind.POST, day, obj=post)
                    posts.append((day, u, post))
                    popularity[u] += 1
        for day, author, post in posts:
            self.spread(day, author, post, active, popularity)

    def follow_someone(self, u: int, day: int, joined: np.ndarray, popularity: np.ndarray) -> None:
        candidates = [v for v in np.flatnonzero(joined) if v != u and v not in self.following[u]]
        if not candidates:
            return
        weights = popularity[candidates] * self.affinity[u, candidates]
        weights = weights / weights.sum()
        v = int(self.rng.choice(candidates, p=weights))
        self.following[u].add(v)
        popularity[v] += 0.5
        self.emit(u, ActivityKind.FOLLOW, day, target=v)

    def new_post(self, author: int) -> tuple[str, int]:
        own = self.real_posts.get(self.users[author].pk)
        if own:
            return ("posts.post", own.pop(0))
        self.next_demo_post += 1
        return ("demo.post", self.next_demo_post - 1)

    def spread(
        self,
        day: int,
        author: int,
        post: tuple[str, int],
        active: np.ndarray,
        popularity: np.ndarray,
    ) -> None:
        """Bass-like spread among active members: P(engage) = p + q · engaged share."""
        rng = self.rng
        n = len(self.users)
        viral = rng.random() < 0.2
        p = rng.uniform(0.01, 0.05)
        q = rng.uniform(0.6, 1.2) if viral else rng.uniform(0.05, 0.3)
        engaged = np.zeros(n, dtype=bool)
        engaged[author] = True
        followers = [v for v in range(n) if author in self.following[v]]
        for d in range(day + 1, min(day + 22, HISTORY_DAYS)):
            share = engaged.sum() / n
            here = active[:, d] & ~engaged
            chance = p + q * share
            if followers:
                bonus = np.zeros(n)
                bonus[followers] = 0.1
                chance = chance + bonus
            newly = here & (rng.random(n) < chance * self.affinity[author])
            for v in map(int, np.flatnonzero(newly)):
                self.engage(v, author, d, post, first=True)
                popularity[author] += 0.2
            # Earlier engagers come back to the thread now and then.
            for v in map(int, np.flatnonzero(engaged & active[:, d])):
                if v != author and rng.random() < 0.15:
                    self.engage(v, author, d, post, first=False)
            engaged |= newly

    def engage(self, v: int, author: int, day: int, post: tuple[str, int], *, first: bool) -> None:
        rng = self.rng
        kind = rng.choice(
            [ActivityKind.VOTE, ActivityKind.COMMENT, ActivityKind.ANSWER],
            p=[0.6, 0.25, 0.15] if first else [0.2, 0.6, 0.2],
        )
        self.emit(v, str(kind), day, target=author, obj=post)
        if kind == ActivityKind.ANSWER and rng.random() < 0.3:
            self.emit(author, ActivityKind.ACCEPT, day, target=v, obj=post)
        if first and rng.random() < 0.15 and author not in self.following[v]:
            self.following[v].add(author)
            self.emit(v, ActivityKind.FOLLOW, day, target=author)


def _existing_posts() -> dict[int, list[int]]:
    """Top-level posts of the posts app by author, when that app has any."""
    try:
        post_model = apps.get_model("posts", "Post")
    except LookupError:
        return {}
    fields = {field.name for field in post_model._meta.get_fields()}
    if not {"author", "parent"} <= fields:
        return {}
    by_author: dict[int, list[int]] = defaultdict(list)
    rows = post_model._default_manager.filter(parent__isnull=True).order_by("pk")
    for pk, author_id in rows.values_list("pk", "author_id"):
        by_author[author_id].append(pk)
    return by_author
