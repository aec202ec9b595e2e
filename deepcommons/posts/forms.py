"""Forms for writing posts. They only parse input; limits are also enforced by
services, and their messages are attached back to these forms' fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

# Re-exported: the post views take it from here.
from deepcommons.core.forms import add_service_errors as add_service_errors
from deepcommons.posts.models import (
    BODY_MAX,
    COMMENT_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Difficulty,
    Series,
)
from deepcommons.posts.services import PostInput
from deepcommons.spaces.models import Space


class _LimitMixin:
    """Length limits checked in `clean_*`, so the message states the length and the
    text stays in the box (no `maxlength` attribute truncating paste)."""

    def _check_length(self, name: str, limit: int, label: str) -> str:
        value: str = self.cleaned_data.get(name) or ""  # type: ignore[attr-defined]
        if len(value) > limit:
            raise ValidationError(
                _("%(label)s is %(n)d characters long; the limit is %(max)d.")
                % {"label": label, "n": len(value), "max": limit}
            )
        return value


class PostForm(_LimitMixin, forms.Form):
    title = forms.CharField(label=_("Title"), help_text=_("Up to 150 characters."), strip=False)
    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 14, "class": "editor-body"}),
        help_text=_("Markdown, with code blocks and $math$. Up to 40,000 characters."),
        strip=False,
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("1–5 tags separated by commas or spaces, e.g. pytorch cuda."),
    )
    space = forms.ModelChoiceField(label=_("Space"), queryset=Space.objects.all(), required=False)

    def clean_title(self) -> str:
        return self._check_length("title", TITLE_MAX, str(_("The title")))

    def clean_body(self) -> str:
        return self._check_length("body", BODY_MAX, str(_("The text")))

    def to_input(self) -> PostInput:
        data = self.cleaned_data
        return PostInput(
            title=data.get("title", ""),
            body=data.get("body", ""),
            tags=data.get("tags", ""),
            space=data.get("space"),
        )


class QuestionForm(PostForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # While the title is typed, show existing similar questions (search app).
        self.fields["title"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("search:similar"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#similar-questions",
                "autocomplete": "off",
            }
        )


class DiscussionForm(PostForm):
    pass


class ArticleForm(PostForm):
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences shown in lists."),
    )
    cover = forms.ImageField(label=_("Cover image"), required=False)
    series = forms.ModelChoiceField(
        label=_("Series"), queryset=Series.objects.none(), required=False
    )
    series_position = forms.IntegerField(
        label=_("Position in the series"), min_value=0, initial=0, required=False
    )
    publish = forms.BooleanField(
        label=_("Publish now (untick to keep it as a draft only you can see)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, author: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if author is not None and author.is_authenticated:
            self.fields["series"].queryset = Series.objects.filter(author=author)  # type: ignore[attr-defined]

    def clean_summary(self) -> str:
        return self._check_length("summary", SUMMARY_MAX, str(_("The summary")))

    def to_input(self) -> PostInput:
        data = self.cleaned_data
        result = super().to_input()
        result.summary = data.get("summary", "")
        result.cover = data.get("cover") or None
        result.series = data.get("series")
        result.series_position = data.get("series_position") or 0
        result.status = "published" if data.get("publish") else "draft"
        return result


class TutorialForm(ArticleForm):
    difficulty = forms.ChoiceField(label=_("Difficulty"), choices=Difficulty.choices)
    prerequisites = forms.CharField(
        label=_("Prerequisites"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What readers should know first."),
    )

    def to_input(self) -> PostInput:
        result = super().to_input()
        result.difficulty = self.cleaned_data.get("difficulty", "")
        result.prerequisites = self.cleaned_data.get("prerequisites", "")
        return result


class ChildForm(_LimitMixin, forms.Form):
    """An answer or a reply."""

    body = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 10, "class": "editor-body"}),
        help_text=_("Markdown, with code blocks and $math$. Up to 40,000 characters."),
        strip=False,
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_body(self) -> str:
        return self._check_length("body", BODY_MAX, str(_("The text")))


class CommentForm(_LimitMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Up to 600 characters."),
    )

    def clean_body(self) -> str:
        return self._check_length("body", COMMENT_MAX, str(_("The comment")))


class SeriesForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
