"""Series: an author's ordered run of articles and tutorials."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts.models import TITLE_MAX, Series


@transaction.atomic
def create_series(*, author: User, title: str, description: str = "") -> Series:
    title = title.strip()
    if not title or len(title) > TITLE_MAX:
        raise ValidationError({"title": [_("A series needs a title of at most 150 characters.")]})
    return Series.objects.create(author=author, title=title, description=description)
