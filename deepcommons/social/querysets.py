"""Reads of social rows, as chainable QuerySet methods (STYLE.md §5).

Other apps read follows, mutes, blocks, notifications and preferences here:
`Follow.objects.followed_ids(user=..., model=Space)`,
`Notification.objects.unread_count(user=...)`. Writes stay in
`social/services/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Count, F, OuterRef, Q, Subquery

from deepcommons.accounts.models import User, UserQuerySet

if TYPE_CHECKING:
    # Named in the QuerySet["…"] strings below, which ruff does not read.
    from deepcommons.social.models import (  # noqa: F401
        Block,
        Conversation,
        Notification,
        NotificationPreference,
        Participant,
    )


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


class TargetQuerySet(models.QuerySet[Any]):
    """Rows of a `TargetLink` (a user pointing at any object)."""

    def of_model(self, model: type[models.Model] | models.Model) -> Self:
        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def on(self, target: models.Model) -> Self:
        # The instance, not type(target): request.user is a lazy proxy whose
        # type is SimpleLazyObject, but whose _meta is the user's.
        return self.of_model(target).filter(object_id=target.pk)

    def target_ids(self, *, user: Any, model: type[models.Model]) -> set[int]:
        """Primary keys of the `model` objects `user` points at (one query)."""
        if not _signed_in(user):
            return set()
        return set(self.of_model(model).filter(user=user).values_list("object_id", flat=True))

    def links(self, *, user: Any, target: models.Model) -> bool:
        """True when `user` (signed in) points at `target`."""
        if not _signed_in(user):
            return False
        return self.on(target).filter(user=user).exists()


class FollowQuerySet(TargetQuerySet):
    def followed_ids(self, *, user: Any, model: type[models.Model]) -> set[int]:
        """Primary keys of the `model` objects `user` follows (one query)."""
        return self.target_ids(user=user, model=model)

    def is_following(self, *, user: Any, target: models.Model) -> bool:
        return self.links(user=user, target=target)

    def watchers_of(self, *, target: models.Model) -> UserQuerySet:
        """Active users following `target` (for a post: watching it)."""
        return User.objects.active().filter(pk__in=self.on(target).values("user_id"))

    def following_users(self, *, user: Any) -> UserQuerySet:
        """Active users that `user` follows."""
        ids = self.of_model(User).filter(user=user).values("object_id")
        return User.objects.active().filter(pk__in=ids)

    def follower_rows(self, *, target: models.Model) -> Self:
        """Follows of `target` by active members, with the follower (`row.user`).
        Page them with core.pagination on "created_at"."""
        return self.on(target).filter(user__is_active=True).select_related("user")

    def followed_user_rows(self, *, user: Any) -> Self:
        """`user`'s follows of members; `people_of` turns a page into users."""
        return self.of_model(User).filter(user=user)

    def people_rows(self, *, profile: Any, followers: bool) -> Self:
        """The rows of `profile`'s followers (or of whom they follow), for the
        followers and following lists of the pages and the API."""
        if followers:
            return self.follower_rows(target=profile)
        return self.followed_user_rows(user=profile)

    def follower_count(self, *, target: models.Model) -> int:
        """`target`'s active followers."""
        return self.on(target).filter(user__is_active=True).count()

    def following_count(self, *, user: Any) -> int:
        """How many users `user` follows."""
        return self.of_model(User).filter(user=user).count()

    def follow_counts(self, *, target: models.Model, viewer: Any) -> tuple[int, bool]:
        """`target`'s active followers and whether `viewer` is one, in one query.

        Every post page's follow box asks, so in plain SQL (the ORM took 30
        times longer to build the query than the database to run it).
        """
        q = connection.ops.quote_name
        content_type = ContentType.objects.get_for_model(target)
        viewer_id = viewer.pk if _signed_in(viewer) else None
        sql = (
            f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN f.user_id = %s THEN 1 ELSE 0 END), 0)"
            f" FROM {q(self.model._meta.db_table)} f"
            f" JOIN {q(User._meta.db_table)} u ON u.id = f.user_id"
            f" WHERE f.content_type_id = %s AND f.object_id = %s AND u.is_active"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [viewer_id, content_type.pk, target.pk])
            followers, mine = cursor.fetchone()
        return int(followers), bool(mine)


def people_of(rows: list[Any], *, followers: bool) -> list[User]:
    """The members a page of `people_rows` shows, in its order: the followers
    themselves, or the active members followed (one query)."""
    if followers:
        return [row.user for row in rows]
    by_id = User.objects.active().in_bulk([row.object_id for row in rows])
    return [by_id[row.object_id] for row in rows if row.object_id in by_id]


class MuteQuerySet(TargetQuerySet):
    def muted_ids(self, *, user: Any, model: type[models.Model]) -> set[int]:
        """Primary keys of the `model` objects `user` muted (one query)."""
        return self.target_ids(user=user, model=model)

    def is_muted(self, *, user: Any, target: models.Model) -> bool:
        return self.links(user=user, target=target)


class BlockQuerySet(models.QuerySet["Block"]):
    def is_blocked(self, *, blocker: Any, blocked: Any) -> bool:
        """True when `blocker` has blocked `blocked`."""
        if not getattr(blocker, "pk", None) or not getattr(blocked, "pk", None):
            return False
        return self.filter(blocker=blocker, blocked=blocked).exists()


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: Any) -> Self:
        return self.filter(recipient=user)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)

    def newest_first(self) -> Self:
        return self.order_by("-created_at", "-id")

    def not_emailed(self) -> Self:
        return self.filter(emailed_at__isnull=True)

    def unread_count(self, *, user: Any) -> int:
        """The bell's number. Asked on every signed-in page, so in plain SQL: the
        ORM spent 15 times longer building the query than the database running it."""
        if not _signed_in(user):
            return 0
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {table} WHERE recipient_id = %s AND read_at IS NULL",
                [user.pk],
            )
            return int(cursor.fetchone()[0])


class NotificationPreferenceQuerySet(models.QuerySet["NotificationPreference"]):
    def channel_for(self, *, user: Any, kind: str) -> str:
        """The email channel `user` chose for `kind`, else the kind's default."""
        from deepcommons.social import kinds

        chosen = self.filter(user=user, kind=kind).values_list("channel", flat=True).first()
        return chosen or kinds.get_kind(kind).default_email

    def channels_for(self, *, user: Any) -> dict[str, str]:
        """Every registered kind → channel for `user` (one query)."""
        from deepcommons.social import kinds

        chosen = dict(self.filter(user=user).values_list("kind", "channel"))
        return {k.key: chosen.get(k.key, k.default_email) for k in kinds.all_kinds()}


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def visible_to(self, user: Any) -> Self:
        """Conversations `user` currently takes part in; nothing for anonymous users."""
        if not _signed_in(user):
            return self.none()
        return self.filter(participants__user=user, participants__left_at__isnull=True).distinct()

    def newest_first(self) -> Self:
        return self.order_by("-last_message_at", "-id")


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def active(self) -> Self:
        return self.filter(left_at__isnull=True)

    def for_user(self, user: Any) -> Self:
        """`user`'s current memberships, with their conversations, newest first."""
        return (
            self.active()
            .filter(user=user)
            .select_related("conversation", "conversation__created_by")
            .order_by("-conversation__last_message_at", "-conversation_id")
        )

    def with_unread_counts(self) -> Self:
        """Each membership gets `unread`: messages from others after its read receipt.

        One aggregate in the same query, so a list of conversations costs the
        same for 2 rows as for 20.
        """
        return self.annotate(
            unread=Count(
                "conversation__messages",
                filter=Q(conversation__messages__id__gt=F("last_read_message_id"))
                & ~Q(conversation__messages__sender=F("user")),
            )
        )

    def with_last_message(self) -> Self:
        """Each membership gets `last_body` and `last_sender_id`: the
        conversation's newest message, for the list's preview (same query)."""
        message_model = apps.get_model("social", "Message")
        newest = message_model.objects.filter(conversation=OuterRef("conversation")).order_by("-id")
        return self.annotate(
            last_body=Subquery(newest.values("body")[:1]),
            last_sender_id=Subquery(newest.values("sender_id")[:1]),
        )

    def people_by_conversation(self, conversation_ids: list[int]) -> dict[int, list[User]]:
        """conversation id → its active participants in joining order (one query)."""
        result: dict[int, list[User]] = {}
        rows = (
            self.active()
            .filter(conversation_id__in=conversation_ids)
            .select_related("user")
            .order_by("joined_at", "id")
        )
        for participant in rows:
            result.setdefault(participant.conversation_id, []).append(participant.user)
        return result
