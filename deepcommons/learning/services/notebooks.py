"""Attaching a notebook to a post: validated and rendered once, here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from deepcommons.learning.models import Notebook
from deepcommons.learning.notebooks import parse_github_url, read_notebook, render_notebook
from deepcommons.posts.models import Kind, Post

NOTEBOOK_KINDS = (Kind.ARTICLE, Kind.TUTORIAL, Kind.ANSWER)
MAX_PER_POST = 10


def may_attach_notebook(post: Post, user: Any) -> bool:
    if user is None or not user.is_authenticated or post.is_deleted:
        return False
    return post.kind in NOTEBOOK_KINDS and (user.pk == post.author_id or bool(user.is_moderator))


@transaction.atomic
def attach_notebook(
    *, post: Post, by: Any, data: bytes, filename: str, title: str = "", github_url: str = ""
) -> Notebook:
    """Validate the .ipynb in `data`, render it, and attach it to `post`."""
    if post.kind not in NOTEBOOK_KINDS:
        raise ValidationError(_("Notebooks go with articles, tutorials and answers."))
    if not may_attach_notebook(post, by):
        raise PermissionDenied(_("Only the post's author or a moderator may attach a notebook."))
    if Notebook.objects.filter(post=post).count() >= MAX_PER_POST:
        raise ValidationError(_("A post may have at most %(n)d notebooks.") % {"n": MAX_PER_POST})
    errors: dict[str, Any] = {}
    if github_url:
        try:
            github_url = parse_github_url(github_url)
        except ValidationError as exc:
            errors["github_url"] = exc.messages
    if not filename.lower().endswith(".ipynb"):
        errors["file"] = [_("Choose a Jupyter notebook: a file ending in .ipynb.")]
    else:
        try:
            notebook = read_notebook(data)
        except ValidationError as exc:
            errors["file"] = exc.messages
    if errors:
        raise ValidationError(errors)
    rendered = render_notebook(notebook)
    name = filename.rsplit("/", 1)[-1][:200]
    return Notebook.objects.create(
        post=post,
        uploaded_by=by,
        title=(title.strip() or name.removesuffix(".ipynb"))[:200],
        filename=name,
        source=data.decode("utf-8"),
        size=len(data),
        rendered_html=rendered.html,
        cell_count=rendered.cell_count,
        github_url=github_url,
    )


@transaction.atomic
def delete_notebook(*, notebook: Notebook, by: Any) -> None:
    if not notebook.can_be_changed_by(by):
        raise PermissionDenied
    notebook.delete()
