"""What posts tell the social layer: follows, notifications, mentions, the feed
and the digest (named for what it does; `deepcommons.social` is the app it calls).

Posts sits above social, so it calls social's services directly. The calls
run from the post hooks (`hooks.subscribe(on_post_event)` in apps.py), that
is after the change has committed, so a rolled-back post notifies nobody and
the request that saved it does not wait for fan-out (that runs in a task).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q

from deepcommons.accounts.models import User
from deepcommons.posts.models import Comment, Kind, Post, Status
from deepcommons.social import kinds
from deepcommons.social import services as social
from deepcommons.social.feed import DigestItem, FeedCursor, FeedItem
from deepcommons.social.models import Follow, Mute
from deepcommons.spaces.models import Space, Tag

TOP_LEVEL = (Kind.QUESTION, Kind.DISCUSSION, Kind.ARTICLE, Kind.TUTORIAL)
CHILDREN = (Kind.ANSWER, Kind.REPLY)


def _thread_title(post: Post) -> dict[str, str]:
    thread = post.thread
    return {"title": thread.title[:200]} if thread.title else {}


def can_follow(user: Any, post: Any) -> bool:
    """Watching a post needs seeing it (no watching someone else's draft)."""
    return bool(post.is_visible_to(user))


def on_published(post: Post) -> None:
    """A question, discussion, article or tutorial went public."""
    social.follow(user=post.author, target=post)  # authors watch their own posts
    of: list[Any] = [post.author, *post.tags.all()]
    if post.space_id:
        of.append(post.space)
    social.notify_followers(of=of, kind=kinds.FOLLOWED_POST, actor=post.author, target=post)
    social.notify_mentions(text=post.body, actor=post.author, target=post)


def on_child_created(child: Post) -> None:
    """An answer to a question or a reply in a discussion."""
    parent = child.parent
    if parent is None:
        return
    data = _thread_title(child)
    social.notify(
        recipient=parent.author, kind=kinds.REPLY, actor=child.author, target=child, data=data
    )
    if child.reply_to_id and child.reply_to and child.reply_to.author_id != parent.author_id:
        social.notify(
            recipient=child.reply_to.author,
            kind=kinds.REPLY,
            actor=child.author,
            target=child,
            data=data,
        )
    watchers = Follow.objects.watchers_of(target=parent).exclude(
        pk__in=[child.author_id, parent.author_id]
    )
    social.notify_many(
        recipients=watchers,
        kind=kinds.WATCHED_ACTIVITY,
        actor=child.author,
        target=child,
        data=data,
    )
    social.notify_mentions(text=child.body, actor=child.author, target=child)


def on_commented(post: Post, comment: Comment) -> None:
    data = _thread_title(post)
    social.notify(
        recipient=post.author, kind=kinds.COMMENT, actor=comment.author, target=post, data=data
    )
    social.notify_mentions(text=comment.body, actor=comment.author, target=post)


def on_accepted(answer: Post, by: User) -> None:
    social.notify(
        recipient=answer.author,
        kind=kinds.ACCEPTED_ANSWER,
        actor=by,
        target=answer,
        data=_thread_title(answer),
    )


def on_voted(post: Post) -> None:
    score = Post.objects.filter(pk=post.pk).values_list("score", flat=True).first() or 0
    social.record_vote_milestone(post_author=post.author, target=post, score=score)


def on_post_event(event: str, post: Post, **data: Any) -> None:
    """The posts hook subscriber (see deepcommons.posts.hooks)."""
    if event in ("created", "published"):
        if post.kind in TOP_LEVEL:
            if post.status == Status.PUBLISHED:
                on_published(post)
        elif post.kind in CHILDREN:
            on_child_created(post)
    elif event == "commented":
        on_commented(post, data["comment"])
    elif event == "comment-edited":
        # Names added by the edit are told; nobody is told twice about a post.
        social.notify_mentions(text=data["comment"].body, actor=data["by"], target=post)
    elif event == "accepted":
        on_accepted(post, data["by"])
    elif event == "voted" and data.get("value", 0) > data.get("old", 0):
        on_voted(post)


def posts_feed(user: Any, cursor: FeedCursor | None, limit: int) -> list[FeedItem]:
    """New posts by followed people, in followed spaces and tags, and answers
    to watched posts; newest first, strictly after `cursor` (social's contract)."""
    people = Follow.objects.followed_ids(user=user, model=User)
    spaces = Follow.objects.followed_ids(user=user, model=Space)
    tags = Follow.objects.followed_ids(user=user, model=Tag)
    watched = Follow.objects.followed_ids(user=user, model=Post)
    if not (people or spaces or tags or watched):
        return []
    wanted = Q(kind__in=TOP_LEVEL) & (
        Q(author_id__in=people) | Q(space_id__in=spaces) | Q(tags__in=tags)
    ) | Q(kind__in=CHILDREN, parent_id__in=watched)
    queryset = (
        Post.objects.visible_to(user)
        .published()
        .filter(wanted, deleted_at__isnull=True)
        .exclude(author_id=user.pk)
        .exclude(author_id__in=Mute.objects.muted_ids(user=user, model=User))
        .exclude(space_id__in=Mute.objects.muted_ids(user=user, model=Space))
    )
    if cursor is not None:
        pk = int(cursor.key.rsplit(":", 1)[-1] or 0) if cursor.key.startswith("post:") else 0
        queryset = queryset.filter(
            Q(created_at__lt=cursor.created_at) | Q(created_at=cursor.created_at, pk__lt=pk)
        )
    ids = list(
        queryset.order_by("-created_at", "-pk").values_list("pk", flat=True).distinct()[:limit]
    )
    posts = (
        Post.objects.filter(pk__in=ids)
        .select_related("author", "space", "parent")
        .prefetch_related("tags")
        .order_by("-created_at", "-pk")
    )
    return [
        FeedItem(
            created_at=post.created_at,
            key=f"post:{post.pk:012d}",
            template="posts/_feed_item.html",
            context={"post": post},
            data={
                "type": "post",
                "id": post.pk,
                "kind": post.kind,
                "title": str(post.thread.title or post),
                "url": post.get_absolute_url(),
                "author": post.author.username,
            },
        )
        for post in posts
    ]


def top_posts_for_digest(user: Any, since: datetime, limit: int) -> list[DigestItem]:
    """The best-scored new posts in the spaces and tags `user` follows (or anywhere)."""
    spaces = Follow.objects.followed_ids(user=user, model=Space)
    tags = Follow.objects.followed_ids(user=user, model=Tag)
    queryset = Post.objects.filter(
        kind__in=TOP_LEVEL,
        status=Status.PUBLISHED,
        deleted_at__isnull=True,
        created_at__gte=since,
    )
    if spaces or tags:
        queryset = queryset.filter(Q(space_id__in=spaces) | Q(tags__in=tags))
    ids = list(queryset.order_by("-score", "-pk").values_list("pk", flat=True).distinct()[:limit])
    posts = Post.objects.filter(pk__in=ids).order_by("-score", "-pk")
    return [DigestItem(title=p.title, url=p.get_absolute_url(), summary=p.summary) for p in posts]
