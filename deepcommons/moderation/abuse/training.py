"""The community's own examples for the spam classifier.

Spam: posts removed as spam, i.e. posts by members a moderator destroyed as
spammers (their `destroy_spammer` audit entries) and posts with a spam flag
marked helpful. Ham: live, published posts by anyone else, newest first.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction, AuditEntry, Flag, FlagReason, FlagStatus
from deepcommons.posts.models import Post, Status

MAX_HAM = 20_000


def spammer_ids() -> set[int]:
    rows = AuditEntry.objects.filter(
        action=AuditAction.DESTROY_SPAMMER,
        target_type=ContentType.objects.get_for_model(User),
    ).values_list("target_id", flat=True)
    return {pk for pk in rows if pk is not None}


def _text(title: str, body: str) -> str:
    return f"{title}\n{body}" if title else body


def examples(*, max_ham: int = MAX_HAM) -> tuple[list[str], list[str]]:
    """(spam texts, ham texts)."""
    spammers = spammer_ids()
    flagged = set(
        Flag.objects.filter(reason=FlagReason.SPAM, status=FlagStatus.HELPFUL)
        .exclude(post=None)
        .values_list("post_id", flat=True)
    )
    spam_rows = Post.objects.filter(author_id__in=spammers) | Post.objects.filter(pk__in=flagged)
    spam = [_text(t, b) for t, b in spam_rows.values_list("title", "body")]
    ham_rows = (
        Post.objects.filter(deleted_at__isnull=True, status=Status.PUBLISHED)
        .exclude(author_id__in=spammers)
        .exclude(pk__in=flagged)
        .order_by("-created_at")
        .values_list("title", "body")[:max_ham]
    )
    ham = [_text(t, b) for t, b in ham_rows]
    return spam, ham
