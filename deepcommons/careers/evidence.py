"""A member's community evidence, read in a few grouped queries for a whole
page of members: answer score per tag (answers' score grouped by their
question's tags), badge counts, published articles and competition medals.

Applications keep a copy taken when the member applied; talent search reads
it live.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db.models import Count, Sum

from deepcommons.accounts.models import User
from deepcommons.posts.models import Kind, Post

TOP_TAGS = 5
ARTICLES = 5


def _answers() -> Any:
    return (
        Post.objects.published().alive().filter(kind=Kind.ANSWER, parent__deleted_at__isnull=True)
    )


def tag_scores(user_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Per member, their best tags: total answer score and answer count, highest first."""
    rows = (
        _answers()
        .filter(author_id__in=list(user_ids), parent__tags__isnull=False)
        .values("author_id", "parent__tags__name")
        .annotate(score=Sum("score"), answers=Count("pk"))
        .order_by("author_id", "-score", "parent__tags__name")
    )
    result: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        tags = result[row["author_id"]]
        if len(tags) < TOP_TAGS:
            tags.append(
                {"tag": row["parent__tags__name"], "score": row["score"], "answers": row["answers"]}
            )
    return dict(result)


def articles(user_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    result: dict[int, list[dict[str, Any]]] = defaultdict(list)
    posts = (
        Post.objects.published()
        .alive()
        .filter(kind__in=(Kind.ARTICLE, Kind.TUTORIAL), author_id__in=list(user_ids))
        .order_by("-score", "-pk")
    )
    for post in posts.only("pk", "title", "kind", "author_id", "score"):
        items = result[post.author_id]
        if len(items) < ARTICLES:
            items.append({"title": post.title, "url": post.get_absolute_url(), "score": post.score})
    return dict(result)


def competition_results(user_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Final standings with medals; empty when competitions is not installed."""
    if not apps.is_installed("deepcommons.competitions"):
        return {}
    standing = apps.get_model("competitions", "Standing")
    membership = apps.get_model("competitions", "TeamMembership")
    ids = list(user_ids)
    teams = dict(membership.objects.filter(user_id__in=ids).values_list("team_id", "user_id"))
    result: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = (
        standing.objects.filter(team_id__in=list(teams))
        .select_related("competition")
        .order_by("rank")
    )
    for row in rows:
        result[teams[row.team_id]].append(
            {
                "competition": row.competition.title,
                "url": row.competition.get_absolute_url(),
                "rank": row.rank,
                "medal": row.medal,
            }
        )
    return dict(result)


def evidence_for(users: Iterable[User]) -> dict[int, dict[str, Any]]:
    """Everything above for each user, keyed by id (4 queries for any number)."""
    members = list(users)
    ids = [u.pk for u in members]
    tags = tag_scores(ids)
    posts = articles(ids)
    results = competition_results(ids)
    return {
        u.pk: {
            "reputation": u.reputation,
            "badges": {"gold": u.gold_badges, "silver": u.silver_badges, "bronze": u.bronze_badges},
            "top_tags": tags.get(u.pk, []),
            "articles": posts.get(u.pk, []),
            "competitions": results.get(u.pk, []),
        }
        for u in members
    }
