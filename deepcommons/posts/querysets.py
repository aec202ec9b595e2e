"""Reads of posts: visibility, the list orders and keyset pagination keys."""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from deepcommons.spaces.moderation import moderator_powers

if TYPE_CHECKING:
    from deepcommons.accounts.models import User
    from deepcommons.posts.models import Post  # noqa: F401  (QuerySet["Post"])
    from deepcommons.spaces.models import Space, Tag

TOP_PERIODS: dict[str, timedelta | None] = {
    "day": timedelta(days=1),
    "week": timedelta(days=7),
    "month": timedelta(days=30),
    "year": timedelta(days=365),
    "all": None,
}
# What a list shows when no (or an unknown) order or period is asked for.
DEFAULT_SORT = "latest"
DEFAULT_PERIOD = "week"

# Each list order: the field it sorts by (descending, ties broken by -pk).
SORT_FIELDS: dict[str, str] = {
    "latest": "created_at",
    "active": "last_activity_at",
    "hot": "hot",
    "top": "score",
    "unanswered": "created_at",
}


class PostQuerySet(models.QuerySet["Post"]):
    def published(self) -> PostQuerySet:
        """Public posts: not drafts, not held for review, not merged away."""
        return self.filter(status="published", merged_into__isnull=True)

    def pinned(self) -> PostQuerySet:
        """Pinned by a moderator, the latest pin first."""
        return self.filter(pinned_at__isnull=False).order_by("-pinned_at", "-pk")

    def featured(self) -> PostQuerySet:
        return self.filter(featured_at__isnull=False).order_by("-featured_at", "-pk")

    def held(self) -> PostQuerySet:
        """Waiting for review (screening or auto-hide), oldest first."""
        return self.filter(status="held", deleted_at__isnull=True).order_by("created_at", "pk")

    def alive(self) -> PostQuerySet:
        return self.filter(deleted_at__isnull=True)

    def visible_to(
        self,
        user: User | Any,
        *,
        is_moderator: bool | None = None,
        space_ids: Collection[int] | None = None,
    ) -> PostQuerySet:
        """What `user` may see: published live posts, plus their own drafts,
        held and deleted posts; site moderators also see everyone's deleted
        and held posts, and space moderators those in the spaces of
        `space_ids` (answers and replies by their thread's space).

        Pass `is_moderator` (and `space_ids`) when already known, to save the
        query that looks them up.
        """
        if user is None or not user.is_authenticated:
            return self.published().alive()
        if is_moderator is None:
            powers = moderator_powers(user)
            is_moderator, space_ids = powers.site, powers.space_ids
        if is_moderator:
            return self.filter(Q(status__in=["published", "held"]) | Q(author=user))
        visible = Q(status="published", deleted_at__isnull=True) | Q(author=user)
        if space_ids:
            visible |= Q(status__in=["published", "held"]) & (
                Q(space_id__in=space_ids) | Q(parent__space_id__in=space_ids)
            )
        return self.filter(visible)

    def of_kind(self, *kinds: str) -> PostQuerySet:
        return self.filter(kind__in=kinds) if len(kinds) > 1 else self.filter(kind=kinds[0])

    def under(self, parents: PostQuerySet) -> PostQuerySet:
        """Answers and replies whose parent is in `parents` (a subquery): on a
        profile, only those whose thread the viewer may open, each with it."""
        return self.filter(parent__in=parents.values("pk")).select_related("parent")

    def top_level(self) -> PostQuerySet:
        return self.filter(kind__in=["question", "discussion", "article", "tutorial"])

    def for_list(self) -> PostQuerySet:
        """Everything a list row shows, in a constant number of queries.

        Bodies are left in the database: rows show titles and summaries, and
        a 40,000-character body per row would be most of the page's cost."""
        return (
            self.select_related("author", "space")
            .prefetch_related("tags")
            .defer("body", "body_html", "prerequisites", "author__bio", "author__bio_html")
        )

    def unanswered(self) -> PostQuerySet:
        """Questions with neither an accepted answer nor an upvoted live answer."""
        from deepcommons.posts.models import Post

        upvoted = Post.objects.filter(
            parent=OuterRef("pk"), kind="answer", score__gt=0, deleted_at__isnull=True
        )
        return self.filter(kind="question", accepted_answer__isnull=True).filter(~Exists(upvoted))

    def in_period(self, period: str) -> PostQuerySet:
        delta = TOP_PERIODS.get(period)
        if delta is None:
            return self
        return self.filter(created_at__gte=timezone.now() - delta)

    def in_space(self, space: Space | str | None) -> PostQuerySet:
        """Posts in `space` (a Space or its slug); all posts for None."""
        if space is None:
            return self
        if isinstance(space, str):
            return self.filter(space__slug=space)
        return self.filter(space=space)

    def tagged(self, tag: Tag | str | None) -> PostQuerySet:
        """Posts with `tag` (a Tag, or a name that is the tag's or one of its
        synonyms', in any case); all posts for None."""
        if tag is None:
            return self
        if isinstance(tag, str):
            from deepcommons.spaces.models import Tag

            name = tag.lower()
            # A subquery for the one tag, so a tag with several synonyms
            # cannot repeat a post the way joining the synonyms would.
            tags = Tag.objects.filter(Q(name=name) | Q(synonyms__name=name)).values("pk")[:1]
            return self.filter(tags__in=tags)
        return self.filter(tags=tag)

    def ranked(self, sort: str, period: str = DEFAULT_PERIOD) -> PostQuerySet:
        """In the order of `sort` (a SORT_FIELDS key); `top` counts only posts
        of `period` (a TOP_PERIODS key), `unanswered` only unanswered questions."""
        queryset: PostQuerySet = self
        if sort == "unanswered":
            queryset = queryset.unanswered()
        elif sort == "top":
            queryset = queryset.in_period(period)
        return queryset.sorted_by(sort)

    def listing(
        self,
        *,
        kinds: Collection[str],
        sort: str,
        period: str = DEFAULT_PERIOD,
        space: Space | str | None = None,
        tag: Tag | str | None = None,
    ) -> PostQuerySet:
        """A post list as the list pages and the API show it: published posts
        of `kinds`, in `space` and with `tag` when given, ranked by `sort`,
        with what a row shows. Chain it after `visible_to`, and page it with
        `core.pagination.keyset_page(..., field=SORT_FIELDS[sort])`."""
        return (
            self.published()
            .of_kind(*kinds)
            .in_space(space)
            .tagged(tag)
            .ranked(sort, period)
            .for_list()
        )

    def activity_by_author(self, author_ids: Collection[int]) -> dict[int, dict[str, int]]:
        """What each of `author_ids` has published and not deleted, in one
        query: question, answer, accepted-answer and article (articles and
        tutorials) counts and the summed score of all their posts."""
        from deepcommons.posts.models import Post

        accepted = Post.objects.filter(accepted_answer__isnull=False).values("accepted_answer_id")
        rows = (
            self.published()
            .alive()
            .filter(author_id__in=author_ids)
            .order_by()
            .values("author_id")
            .annotate(
                questions=Count("pk", filter=Q(kind="question")),
                answers=Count("pk", filter=Q(kind="answer")),
                accepted=Count("pk", filter=Q(kind="answer", pk__in=accepted)),
                articles=Count("pk", filter=Q(kind__in=["article", "tutorial"])),
                score=Coalesce(Sum("score"), 0),
            )
        )
        empty = {"questions": 0, "answers": 0, "accepted": 0, "articles": 0, "score": 0}
        result = {author_id: dict(empty) for author_id in author_ids}
        for row in rows:
            result[row["author_id"]] = {
                "questions": row["questions"],
                "answers": row["answers"],
                "accepted": row["accepted"],
                "articles": row["articles"],
                "score": row["score"],
            }
        return result

    def sorted_by(self, sort: str) -> PostQuerySet:
        field = SORT_FIELDS[sort]
        return self.order_by(f"-{field}", "-pk")

    def newest(self) -> PostQuerySet:
        return self.sorted_by("latest")

    def active(self) -> PostQuerySet:
        return self.sorted_by("active")

    def hot(self) -> PostQuerySet:
        return self.sorted_by("hot")

    def top(self, period: str = "all") -> PostQuerySet:
        return self.in_period(period).sorted_by("top")
