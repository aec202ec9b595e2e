"""Demo moderation: a few flags, review items and audit entries, so the queues show."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.moderation.models import Flag, FlagReason, Queue
from deepcommons.moderation.services import enqueue, flag, resolve_flags
from deepcommons.posts.models import Kind, Post


@transaction.atomic
def build(stdout: TextIO) -> None:
    # Only flags mark this builder as done: the posts demo already fills the
    # review queues through moderation's listener.
    if Flag.objects.exists():
        stdout.write("moderation: demo data already there\n")
        return
    moderator = (
        User.objects.filter(groups__name__in=["Moderators", "Administrators"]).first()
        or User.objects.filter(is_superuser=True).first()
    )
    members = list(User.objects.filter(is_active=True, is_superuser=False).order_by("pk")[:6])
    posts = list(
        Post.objects.filter(deleted_at__isnull=True, status="published").order_by("pk")[:12]
    )
    if not members or not posts:
        stdout.write("moderation: no members or posts to build on\n")
        return
    flags = 0
    reasons = [FlagReason.OFF_TOPIC, FlagReason.LOW_QUALITY, FlagReason.ATTENTION]
    for index, post in enumerate(posts[:4]):
        flagger = next((m for m in members if m.pk != post.author_id), None)
        if flagger is None:
            continue
        reason = reasons[index % len(reasons)]
        text = "Please check the code sample; it looks copied." if reason == "attention" else ""
        flag(flagger=flagger, target=post, reason=reason, text=text)
        flags += 1
        # Spread over the past weeks, so the operators' flag trend has a shape.
        Flag.objects.filter(pk=Flag.objects.latest("pk").pk).update(
            created_at=timezone.now() - timedelta(days=9 * index + 1)
        )
    queues = [Queue.FIRST_POSTS, Queue.LATE_ANSWERS, Queue.LOW_QUALITY]
    items = 0
    for index, post in enumerate(posts[4:10]):
        queue = queues[index % len(queues)]
        if queue == Queue.LATE_ANSWERS and post.kind != Kind.ANSWER:
            queue = Queue.FIRST_POSTS
        enqueue(queue=queue, post=post, reason=str(Queue(queue).label))
        items += 1
    entries = 0
    if moderator is not None:
        # Real, audited actions: one flag judged helpful, one declined.
        opened = list(Flag.objects.open().order_by("pk")[:2])
        for helpful, one in zip((True, False), opened, strict=False):
            entries += resolve_flags(flags=[one], helpful=helpful, by=moderator)
    stdout.write(f"moderation: {flags} flags, {items} review items, {entries} audit entries\n")
