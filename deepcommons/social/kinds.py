"""The registry of notification kinds.

Each kind has a label (shown on the preferences page), a template that renders
one notification (context: `notification`), and the default email channel.
Other apps register their own kinds in `AppConfig.ready()`; nothing in social
branches on kind names.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from deepcommons.social.models import Channel


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: str | Promise
    template: str
    default_email: str = Channel.IMMEDIATE


_kinds: dict[str, NotificationKind] = {}


def register_kind(
    key: str, label: str | Promise, template: str, default_email: str = Channel.IMMEDIATE
) -> NotificationKind:
    """Add (or replace) a kind. `default_email` is a `Channel` value."""
    if default_email not in Channel.values:
        raise ValueError(f"unknown email channel {default_email!r}")
    if len(key) > 40:
        raise ValueError("kind keys are at most 40 characters")
    kind = NotificationKind(key, label, template, default_email)
    _kinds[key] = kind
    return kind


def get_kind(key: str) -> NotificationKind:
    try:
        return _kinds[key]
    except KeyError:
        raise ValueError(f"unknown notification kind {key!r}") from None


def all_kinds() -> list[NotificationKind]:
    return list(_kinds.values())


# Keys of the kinds social defines; other apps use these names when they notify.
REPLY = "reply"
COMMENT = "comment"
MENTION = "mention"
ACCEPTED_ANSWER = "accepted_answer"
VOTE_MILESTONE = "vote_milestone"
NEW_FOLLOWER = "new_follower"
WATCHED_ACTIVITY = "watched_activity"
FOLLOWED_POST = "followed_post"
PRIVATE_MESSAGE = "private_message"
MESSAGE_REPORT = "message_report"
# Not a notification: the "top content from spaces you follow" part of digests.
SUMMARY = "summary"


def register_builtin_kinds() -> None:
    t = "social/notifications/{}.html".format
    register_kind(REPLY, _("Answers and replies to my posts"), t("reply"))
    register_kind(COMMENT, _("Comments on my posts"), t("comment"))
    register_kind(MENTION, _("Mentions of me"), t("mention"))
    register_kind(ACCEPTED_ANSWER, _("My answer was accepted"), t("accepted_answer"))
    register_kind(VOTE_MILESTONE, _("Vote milestones"), t("vote_milestone"), Channel.DAILY)
    register_kind(NEW_FOLLOWER, _("New followers"), t("new_follower"), Channel.DAILY)
    register_kind(WATCHED_ACTIVITY, _("New posts in things I watch"), t("watched_activity"))
    register_kind(
        FOLLOWED_POST,
        _("New posts by people, spaces and tags I follow"),
        t("followed_post"),
        Channel.DAILY,
    )
    register_kind(PRIVATE_MESSAGE, _("Private messages"), t("private_message"))
    register_kind(MESSAGE_REPORT, _("Reported messages (moderators)"), t("message_report"))
    register_kind(SUMMARY, _("Top content from spaces I follow"), t("summary"), Channel.WEEKLY)
