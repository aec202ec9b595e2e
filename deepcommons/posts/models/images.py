"""Images uploaded from the editor."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user


def post_image_path(instance: PostImage, filename: str) -> str:
    """A random name (128 bits), so an image's URL cannot be guessed from another's."""
    extension = filename.rsplit(".", 1)[-1]
    return f"post-images/{secrets.token_urlsafe(16)}.{extension}"


class PostImage(models.Model):
    """An image uploaded from the editor, re-encoded (`posts.services.upload_image`).

    It is not tied to a post: the Markdown that shows it is the link, so an
    image can be used in a draft, an edit or several posts.
    """

    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET(get_deleted_user),
        related_name="post_images",
    )
    file = models.FileField(_("file"), upload_to=post_image_path, max_length=200)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    bytes = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("post image")
        verbose_name_plural = _("post images")

    def __str__(self) -> str:
        return str(self.file.name)

    @property
    def url(self) -> str:
        return str(self.file.url)
