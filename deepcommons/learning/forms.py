"""Forms for paths, steps, quiz questions and notebooks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deepcommons.learning.models import (
    Path,
    QuizQuestionKind,
    ResourceKind,
    StepKind,
)
from deepcommons.learning.services import PathInput, QuizQuestionInput, StepInput
from deepcommons.posts.models import Difficulty
from deepcommons.spaces.models import Space


class PathForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Markdown: what the path teaches and who it is for."),
    )
    difficulty = forms.ChoiceField(label=gettext_lazy("Difficulty"), choices=Difficulty.choices)
    space = forms.ModelChoiceField(
        label=gettext_lazy("Space"), queryset=Space.objects.none(), required=False
    )
    prerequisites = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Prerequisites"),
        queryset=Path.objects.none(),
        required=False,
        help_text=gettext_lazy("Paths to finish before this one."),
    )
    is_published = forms.BooleanField(
        label=gettext_lazy("Published (members can find it and enrol)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, path: Path | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        space_field = self.fields["space"]
        assert isinstance(space_field, forms.ModelChoiceField)
        space_field.queryset = Space.objects.order_by("slug")
        others = Path.objects.published().order_by("title")
        if path is not None:
            others = others.exclude(pk=path.pk)
        prereq_field = self.fields["prerequisites"]
        assert isinstance(prereq_field, forms.ModelMultipleChoiceField)
        prereq_field.queryset = others

    def to_input(self) -> PathInput:
        data = self.cleaned_data
        return PathInput(
            title=data["title"],
            summary=data["summary"],
            difficulty=data["difficulty"],
            space=data["space"],
            is_published=data["is_published"],
        )


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of step"), choices=StepKind.choices)
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Needed for resources and quizzes; a post's own title otherwise."),
    )
    post_id = forms.IntegerField(
        label=gettext_lazy("Post number"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("For a tutorial, an article or a question: the number in its URL."),
    )
    url = forms.URLField(
        label=gettext_lazy("Web address"), max_length=500, required=False, assume_scheme="https"
    )
    resource_kind = forms.ChoiceField(
        label=gettext_lazy("Resource kind"),
        choices=[("", "—"), *ResourceKind.choices],
        required=False,
    )
    minutes = forms.IntegerField(
        label=gettext_lazy("Estimated minutes"), min_value=1, max_value=100_000, initial=10
    )
    pass_percent = forms.IntegerField(
        label=gettext_lazy("Pass mark (%) for a quiz"), min_value=1, max_value=100, initial=70
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def to_input(self) -> StepInput:
        data = self.cleaned_data
        return StepInput(
            kind=data["kind"],
            title=data["title"],
            notes=data["notes"],
            post_id=data["post_id"],
            url=data["url"],
            resource_kind=data["resource_kind"],
            minutes=data["minutes"],
            pass_percent=data["pass_percent"],
        )


class QuizQuestionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=QuizQuestionKind.choices)
    prompt = forms.CharField(
        label=gettext_lazy("Question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    choices = forms.CharField(
        label=gettext_lazy("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line; start the correct ones with an asterisk (*)."),
    )
    numeric_answer = forms.FloatField(label=gettext_lazy("Correct number"), required=False)
    tolerance = forms.FloatField(
        label=gettext_lazy("Tolerance (±)"), required=False, min_value=0, initial=0
    )
    explanation = forms.CharField(
        label=gettext_lazy("Explanation shown after submitting"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def to_input(self) -> QuizQuestionInput:
        data = self.cleaned_data
        choices: list[tuple[str, bool]] = []
        for line in data["choices"].splitlines():
            text = line.strip()
            if text.startswith("*"):
                choices.append((text[1:].strip(), True))
            elif text:
                choices.append((text, False))
        return QuizQuestionInput(
            kind=data["kind"],
            prompt=data["prompt"],
            choices=choices,
            numeric_answer=data["numeric_answer"],
            tolerance=data["tolerance"] or 0.0,
            explanation=data["explanation"],
        )


class NotebookForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Notebook file (.ipynb)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".ipynb,application/x-ipynb+json"}),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    github_url = forms.CharField(
        label=gettext_lazy("GitHub link (optional)"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "https://github.com/owner/repo/blob/main/notebook.ipynb: adds Open in Colab "
            "and Kaggle links."
        ),
    )

    def clean_file(self) -> Any:
        from deepcommons.learning.notebooks import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("A notebook may be at most %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload
