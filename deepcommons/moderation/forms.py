from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from deepcommons.moderation.models import AuditAction, CloseReason, FlagReason, Outcome
from deepcommons.posts.models import Kind, Post
from deepcommons.spaces.models import Space

QUESTION_ID = re.compile(r"(?:^|/questions/)(\d+)(?:/|$|#|\?)")


def question_from(value: str) -> Post | None:
    """The question named by an id or a link to its page, or None."""
    match = QUESTION_ID.search(value.strip())
    if match is None:
        return None
    return Post.objects.filter(
        pk=int(match.group(1)), kind=Kind.QUESTION, deleted_at__isnull=True
    ).first()


class QuestionField(forms.CharField):
    """A question given by its link or its number."""

    def clean(self, value: Any) -> Post | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        question = question_from(text)
        if question is None:
            raise forms.ValidationError(_("Give the link of a live question on this site."))
        return question


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    duplicate_of = QuestionField(
        label=_("Link to the original question"),
        required=False,
        max_length=300,
        help_text=_("For duplicates only."),
    )
    text = forms.CharField(
        label=_("Details for the moderators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when it needs a moderator's attention."),
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=CloseReason.choices)
    duplicate_of = QuestionField(
        label=_("Original question (link or number)"), required=False, max_length=300
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class MoveForm(ReasonForm):
    space = forms.ModelChoiceField(
        label=_("Space"), queryset=Space.objects.order_by("slug"), to_field_name="slug"
    )


class MergeForm(ReasonForm):
    target = QuestionField(label=_("Merge into (link or number)"), max_length=300)


class SuspendForm(forms.Form):
    days = forms.IntegerField(
        label=_("Days"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("Leave empty to suspend indefinitely."),
    )
    reason = forms.CharField(
        label=_("Reason shown to the member"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SilenceForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=3650)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(choices=Outcome.choices)
    reason = forms.CharField(required=False, max_length=500)


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Any"))] + list(AuditAction.choices), required=False
    )
    actor = forms.CharField(label=_("Moderator"), max_length=30, required=False)
    target_type = forms.ChoiceField(
        label=_("Target"),
        required=False,
        choices=[
            ("", _("Any")),
            ("posts.post", _("Posts")),
            ("posts.comment", _("Comments")),
            ("accounts.user", _("Users")),
            ("social.message", _("Messages")),
        ],
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
