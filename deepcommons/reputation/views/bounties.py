"""Bounty pages: the featured list, and the panel on a question page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.forms import add_service_errors
from deepcommons.core.htmx import is_htmx
from deepcommons.core.pagination import page_or_first
from deepcommons.posts.models import Kind, Post
from deepcommons.reputation.forms import BountyOfferForm
from deepcommons.reputation.models import Bounty
from deepcommons.reputation.rules import rules
from deepcommons.reputation.services.bounties import (
    amount_choices,
    award_bounty,
    award_refusal,
    offer_bounty,
    question_refusal,
)

PER_PAGE = 30
PANEL = "reputation/bounty_panel.html"


def bounty_list(request: HttpRequest) -> HttpResponse:
    """Questions with an open bounty, the soonest to end first."""
    page = page_or_first(
        Bounty.objects.featured(),
        field="ends_at",
        cursor=request.GET.get("cursor", ""),
        per_page=PER_PAGE,
        descending=False,
    )
    return render(request, "reputation/bounty_list.html", {"page": page, "now": timezone.now()})


def _question_or_404(request: HttpRequest, post_id: int) -> Post:
    question = get_object_or_404(
        Post.objects.select_related("author"), pk=post_id, kind=Kind.QUESTION
    )
    if not question.is_visible_to(request.user):
        raise Http404
    return question


def _panel(
    request: HttpRequest,
    question: Post,
    *,
    form: BountyOfferForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    now = timezone.now()
    bounty = Bounty.objects.open().select_related("offered_by").filter(question=question).first()
    answers: list[Post] = []
    if bounty is not None and user.is_authenticated and user.pk == bounty.offered_by_id:
        candidates = Post.objects.filter(
            parent=question, kind=Kind.ANSWER, status="published", deleted_at__isnull=True
        ).select_related("author")
        answers = [a for a in candidates if not award_refusal(bounty, a, by=user, now=now)]
    can_offer = (
        bounty is None
        and user.is_authenticated
        and user.pk == question.author_id
        and not question_refusal(question)
    )
    context = {
        "question": question,
        "bounty": bounty,
        "answers": answers,
        "can_offer": can_offer,
        "form": form or BountyOfferForm(),
        "amounts": amount_choices(),
        "bounty_days": rules().bounty_days,
        "error": error,
        "now": now,
    }
    return render(request, PANEL, context, status=status)


def question_panel(request: HttpRequest, post_id: int) -> HttpResponse:
    """The bounty banner, offer form and award buttons of a question (htmx)."""
    return _panel(request, _question_or_404(request, post_id))


@login_required
@require_POST
def bounty_offer(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    question = _question_or_404(request, post_id)
    form = BountyOfferForm(request.POST)
    if form.is_valid():
        try:
            offer_bounty(question=question, by=request.user, amount=form.cleaned_data["amount"])
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        return _panel(request, question, form=form, status=400)
    if is_htmx(request):
        return _panel(request, question)
    return redirect(question.get_absolute_url())


@login_required
@require_POST
def bounty_award(request: AuthenticatedHttpRequest, bounty_id: int, answer_id: int) -> HttpResponse:
    bounty = get_object_or_404(Bounty.objects.select_related("question"), pk=bounty_id)
    question = _question_or_404(request, bounty.question_id)
    answer = get_object_or_404(Post, pk=answer_id, kind=Kind.ANSWER)
    try:
        award_bounty(bounty=bounty, answer=answer, by=request.user)
    except ValidationError as exc:
        return _panel(request, question, error=" ".join(exc.messages), status=400)
    if is_htmx(request):
        return _panel(request, question)
    return redirect(answer.get_absolute_url())
