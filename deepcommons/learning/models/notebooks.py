"""A Jupyter notebook attached to an article, a tutorial or an answer.

The uploaded file is kept as it came (for the download link), and rendered
once, at upload, to sanitised HTML (`rendered_html`, see
`learning.notebooks.render_notebook`); pages show that field and never
render the notebook again.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import get_deleted_user


class Notebook(models.Model):
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="notebooks")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(get_deleted_user), related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    # The original file, as uploaded or fetched (UTF-8 JSON).
    source = models.TextField(editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    # Sanitised at upload by learning.notebooks; the only field shown |safe.
    rendered_html = models.TextField(editable=False, blank=True)
    cell_count = models.PositiveIntegerField(default=0, editable=False)
    # https://github.com/<owner>/<repo>/blob/<ref>/<path>.ipynb, checked by
    # learning.notebooks.parse_github_url.
    github_url = models.URLField(_("GitHub URL"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notebook")
        verbose_name_plural = _("notebooks")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:notebook-detail", kwargs={"notebook_id": self.pk})

    def can_be_changed_by(self, user: Any) -> bool:
        if user is None or not user.is_authenticated:
            return False
        return user.pk == self.post.author_id or bool(user.is_moderator)

    @property
    def colab_url(self) -> str:
        if not self.github_url:
            return ""
        rest = self.github_url.removeprefix("https://github.com/")
        return f"https://colab.research.google.com/github/{rest}"

    @property
    def kaggle_url(self) -> str:
        if not self.github_url:
            return ""
        return "https://kaggle.com/kernels/welcome?src=" + quote(self.github_url, safe=":/")
