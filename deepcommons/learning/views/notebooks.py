"""Notebook pages: attach one to a post, view it rendered, download the original."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.forms import add_service_errors
from deepcommons.core.uploads import LimitedUploadHandler, declared_too_large
from deepcommons.learning import services
from deepcommons.learning.forms import NotebookForm
from deepcommons.learning.models import Notebook
from deepcommons.learning.notebooks import MAX_BYTES
from deepcommons.learning.services.notebooks import NOTEBOOK_KINDS, may_attach_notebook
from deepcommons.posts.models import Post


def _visible_notebook(request: HttpRequest, notebook_id: int) -> Notebook:
    notebook = get_object_or_404(
        Notebook.objects.select_related("post", "post__parent", "uploaded_by"), pk=notebook_id
    )
    post = notebook.post
    if not post.is_visible_to(request.user):
        raise Http404
    if post.parent is not None and not post.parent.is_visible_to(request.user):
        raise Http404
    return notebook


def _target_post(request: AuthenticatedHttpRequest) -> Post:
    try:
        post_id = int(request.GET.get("post", ""))
    except ValueError:
        raise Http404 from None
    post = get_object_or_404(
        Post.objects.select_related("parent"), pk=post_id, kind__in=NOTEBOOK_KINDS
    )
    if not post.is_visible_to(request.user):
        raise Http404
    if not may_attach_notebook(post, request.user):
        raise PermissionDenied(_("Only the post's author or a moderator may attach a notebook."))
    return post


def _too_large(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    context["form"] = NotebookForm()
    context["upload_error"] = _("A notebook may be at most %(mb)d MB.") % {
        "mb": MAX_BYTES // (1024 * 1024)
    }
    return render(request, "learning/notebook_form.html", context, status=413)


@csrf_exempt
@login_required
def notebook_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a .ipynb for `?post=<id>`; checked and rendered once, here.

    CSRF is checked by `_notebook_create`, after the size guards (see
    learning.uploads): an oversize body is refused before it is read.
    """
    post = _target_post(request)
    context: dict[str, Any] = {"post": post, "max_mb": MAX_BYTES // (1024 * 1024)}
    if request.method == "POST":
        if declared_too_large(request, MAX_BYTES):
            return _too_large(request, context)
        handler = LimitedUploadHandler(request, MAX_BYTES)
        if "_files" not in request.__dict__:
            request.upload_handlers.insert(0, handler)
        context["handler"] = handler
    return _notebook_create(request, post, context)


@csrf_protect
def _notebook_create(
    request: AuthenticatedHttpRequest, post: Post, context: dict[str, Any]
) -> HttpResponse:
    if request.method != "POST":
        context["form"] = NotebookForm()
        return render(request, "learning/notebook_form.html", context)
    form = NotebookForm(request.POST, request.FILES)
    handler = context.pop("handler")
    if handler.exceeded:
        return _too_large(request, context)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            notebook = services.attach_notebook(
                post=post,
                by=request.user,
                data=upload.read(MAX_BYTES + 1),
                filename=upload.name or "",
                title=form.cleaned_data["title"],
                github_url=form.cleaned_data["github_url"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(notebook.get_absolute_url())
    context["form"] = form
    return render(request, "learning/notebook_form.html", context, status=400)


def notebook_detail(request: HttpRequest, notebook_id: int) -> HttpResponse:
    notebook = _visible_notebook(request, notebook_id)
    context = {"notebook": notebook, "can_change": notebook.can_be_changed_by(request.user)}
    return render(request, "learning/notebook_detail.html", context)


def notebook_download(request: HttpRequest, notebook_id: int) -> HttpResponse:
    """The original file, as an attachment (never rendered by the browser)."""
    notebook = _visible_notebook(request, notebook_id)
    response = HttpResponse(notebook.source, content_type="application/x-ipynb+json")
    safe_name = "".join(c for c in notebook.filename if c.isalnum() or c in "._- ") or "notebook"
    if not safe_name.endswith(".ipynb"):
        safe_name += ".ipynb"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def notebook_delete(request: AuthenticatedHttpRequest, notebook_id: int) -> HttpResponse:
    notebook = _visible_notebook(request, notebook_id)
    post = notebook.post
    services.delete_notebook(notebook=notebook, by=request.user)
    return redirect(post.get_absolute_url())
