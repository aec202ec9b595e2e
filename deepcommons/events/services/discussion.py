"""The discussion thread of an event: a posts Discussion linked from its page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.events.models import Event
from deepcommons.events.pagecache import event_changed
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.services import PostInput, create_post


def open_discussion(*, event: Event, by: User) -> Post:
    """Start the event's discussion (once); an organiser opens it."""
    if not event.is_organised_by(by):
        raise PermissionDenied(_("Only the organisers may open the discussion."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.discussion_id is not None and locked.discussion is not None:
            return locked.discussion
        body = _("Discussion of the event [%(title)s](%(url)s).") % {
            "title": locked.title,
            "url": locked.get_absolute_url(),
        }
        post = create_post(
            author=by,
            kind=Kind.DISCUSSION,
            data=PostInput(
                title=locked.title,
                body=body,
                space=locked.space,
                tags=[t.name for t in locked.tags.all()],
            ),
        )
        locked.discussion = post
        locked.save(update_fields=["discussion"])
        event_changed(locked.pk)
    event.discussion = post
    return post
