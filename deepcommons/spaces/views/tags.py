"""The tag list and each tag's About page: its wiki (edited by moderators, with
every revision kept and viewable) and its synonyms. The tag's post list,
/tags/<tag>/, is posts:tag-detail, which shows the wiki too."""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.forms import add_service_errors
from deepcommons.core.markdown import render_markdown
from deepcommons.spaces import services
from deepcommons.spaces.forms import TagSynonymForm, TagWikiForm
from deepcommons.spaces.models import Tag, TagSynonym, TagWikiRevision
from deepcommons.spaces.moderation import request_powers

TAGS_PER_PAGE = 60
REVISIONS_PER_PAGE = 50


def tag_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip().lower()[:35]
    tags = Tag.objects.popular().prefetch_related("synonyms")
    if query:
        tags = tags.filter(name__contains=query)
    page = Paginator(tags, TAGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "spaces/tag_list.html", {"page": page, "query": query})


class _Moved(Exception):
    """The name asked for is a synonym or differs in case: go to the tag's own name."""

    def __init__(self, tag_name: str) -> None:
        self.tag_name = tag_name


def _tag(tag_name: str, *, follow: bool) -> Tag:
    """The tag called `tag_name` (404 if none). With `follow`, a synonym or another
    case raises _Moved; without (forms), only the exact name is accepted."""
    tag = Tag.objects.filter(name=tag_name.lower()).first()
    if tag is not None and tag.name == tag_name:
        return tag
    if follow:
        if tag is not None:
            raise _Moved(tag.name)
        synonym = TagSynonym.objects.filter(name=tag_name.lower()).select_related("tag").first()
        if synonym is not None:
            raise _Moved(synonym.tag.name)
    raise Http404


def _moved(view_name: str, exc: _Moved, **kwargs: Any) -> HttpResponse:
    return redirect(reverse(view_name, kwargs={"tag_name": exc.tag_name, **kwargs}), permanent=True)


def _edited_tag(request: HttpRequest, tag_name: str) -> Tag:
    """The tag, if the viewer may edit its wiki and synonyms (else 403)."""
    tag = _tag(tag_name, follow=False)
    if not tag.can_be_edited_by(request.user, powers=request_powers(request)):
        raise PermissionDenied
    return tag


def _about_page(
    request: HttpRequest, tag: Tag, *, synonym_form: TagSynonymForm | None = None
) -> HttpResponse:
    can_edit = tag.can_be_edited_by(request.user, powers=request_powers(request))
    latest = tag.wiki_revisions.select_related("author").defer("description", "wiki").first()
    context: dict[str, Any] = {
        "tag": tag,
        "synonyms": list(tag.synonyms.all()),
        "latest": latest,
        "can_edit": can_edit,
        "synonym_form": synonym_form or TagSynonymForm(),
    }
    status = 400 if synonym_form is not None and synonym_form.errors else 200
    return render(request, "spaces/tag_about.html", context, status=status)


def tag_about(request: HttpRequest, tag_name: str) -> HttpResponse:
    """Excerpt, wiki, synonyms and the last edit, for everyone; moderators edit."""
    try:
        tag = _tag(tag_name, follow=True)
    except _Moved as exc:
        return _moved("spaces:tag-about", exc)
    return _about_page(request, tag)


@login_required
@require_http_methods(["GET", "POST"])
def tag_wiki_edit(request: AuthenticatedHttpRequest, tag_name: str) -> HttpResponse:
    tag = _edited_tag(request, tag_name)
    initial = {"description": tag.description, "wiki": tag.wiki}
    form = TagWikiForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_tag_wiki(tag=tag, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The tag's wiki has been saved."))
            return redirect("spaces:tag-about", tag_name=tag.name)
    # The text stays in the boxes, with the messages next to it.
    return render(
        request,
        "spaces/tag_wiki_edit.html",
        {"tag": tag, "form": form},
        status=400 if form.errors else 200,
    )


def tag_wiki_history(request: HttpRequest, tag_name: str) -> HttpResponse:
    """Every revision, newest first, with who and when: public, as the wiki is."""
    try:
        tag = _tag(tag_name, follow=True)
    except _Moved as exc:
        return _moved("spaces:tag-wiki-history", exc)
    revisions = tag.wiki_revisions.select_related("author")
    page = Paginator(revisions, REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
    can_edit = tag.can_be_edited_by(request.user, powers=request_powers(request))
    return render(
        request, "spaces/tag_wiki_history.html", {"tag": tag, "page": page, "can_edit": can_edit}
    )


def tag_wiki_revision(request: HttpRequest, tag_name: str, number: int) -> HttpResponse:
    """One revision: its text rendered, and what it changed from the one before."""
    try:
        tag = _tag(tag_name, follow=True)
    except _Moved as exc:
        return _moved("spaces:tag-wiki-revision", exc, number=number)
    revision = get_object_or_404(tag.wiki_revisions.select_related("author"), number=number)
    previous = tag.wiki_revisions.filter(number__lt=number).first()
    diff = ""
    if previous is not None:
        # HtmlDiff escapes the text it is given, so its table is safe to show.
        diff = difflib.HtmlDiff(wrapcolumn=70).make_table(
            previous.as_text().splitlines(),
            revision.as_text().splitlines(),
            fromdesc=_("Revision %(n)d") % {"n": previous.number},
            todesc=_("Revision %(n)d") % {"n": revision.number},
            context=True,
        )
    current = revision.description == tag.description and revision.wiki == tag.wiki
    context = {
        "tag": tag,
        "revision": revision,
        "previous": previous,
        "wiki_html": render_markdown(revision.wiki),
        "diff": mark_safe(diff),
        "is_current": current,
        "can_edit": tag.can_be_edited_by(request.user, powers=request_powers(request)),
    }
    return render(request, "spaces/tag_wiki_revision.html", context)


@login_required
@require_POST
def tag_wiki_rollback(
    request: AuthenticatedHttpRequest, tag_name: str, number: int
) -> HttpResponse:
    tag = _edited_tag(request, tag_name)
    revision = get_object_or_404(TagWikiRevision, tag=tag, number=number)
    try:
        services.rollback_tag_wiki(tag=tag, revision=revision, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(revision)
    messages.success(request, _("Rolled back to revision %(n)d.") % {"n": number})
    return redirect("spaces:tag-about", tag_name=tag.name)


@login_required
@require_POST
def tag_synonym_add(request: AuthenticatedHttpRequest, tag_name: str) -> HttpResponse:
    tag = _edited_tag(request, tag_name)
    form = TagSynonymForm(request.POST)
    if form.is_valid():
        try:
            synonym = services.add_tag_synonym(
                tag=tag, name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("“%(synonym)s” now leads to “%(tag)s”.")
                % {"synonym": synonym.name, "tag": tag.name},
            )
            return redirect("spaces:tag-about", tag_name=tag.name)
    return _about_page(request, tag, synonym_form=form)


@login_required
@require_POST
def tag_synonym_remove(request: AuthenticatedHttpRequest, tag_name: str) -> HttpResponse:
    tag = _edited_tag(request, tag_name)
    synonym = get_object_or_404(tag.synonyms.all(), name=request.POST.get("name", ""))
    services.remove_tag_synonym(synonym=synonym, by=request.user)
    messages.success(
        request, _("“%(synonym)s” no longer leads to this tag.") % {"synonym": synonym.name}
    )
    return redirect("spaces:tag-about", tag_name=tag.name)
