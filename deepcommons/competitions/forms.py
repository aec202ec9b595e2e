"""Forms of the competition pages; services do the checking that needs the database."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from deepcommons.competitions.models import Competition, Metric
from deepcommons.competitions.services import CompetitionInput

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CompetitionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    slug = forms.SlugField(label=_("Short name (in the address)"), max_length=60, required=False)
    subtitle = forms.CharField(label=_("Subtitle"), max_length=200, required=False)
    overview = forms.CharField(
        label=_("Overview (Markdown)"), widget=forms.Textarea, required=False
    )
    rules = forms.CharField(label=_("Rules (Markdown)"), widget=forms.Textarea)
    prizes = forms.CharField(label=_("Prizes (Markdown)"), widget=forms.Textarea, required=False)
    evaluation = forms.CharField(
        label=_("Evaluation (Markdown)"), widget=forms.Textarea, required=False
    )
    metric = forms.ChoiceField(label=_("Metric"), choices=Metric.choices)
    map_k = forms.IntegerField(label=_("k for MAP@k"), min_value=1, max_value=100, initial=5)
    id_column = forms.CharField(label=_("Id column"), max_length=60, initial="id")
    prediction_columns = forms.CharField(
        label=_("Prediction columns (comma-separated)"), max_length=500
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    merger_deadline = forms.DateTimeField(label=_("Team merger deadline"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    daily_limit = forms.IntegerField(
        label=_("Submissions per team per day"), min_value=1, max_value=100, initial=5
    )
    max_team_size = forms.IntegerField(
        label=_("Largest team"), min_value=1, max_value=50, initial=5
    )
    public_percent = forms.IntegerField(
        label=_("Public part of the test set (percent)"), min_value=1, max_value=99, initial=30
    )

    @classmethod
    def for_competition(cls, competition: Competition, data: Any = None) -> CompetitionForm:
        initial = {name: getattr(competition, name) for name in cls.base_fields}
        return cls(data=data, initial=initial)

    def to_input(self) -> CompetitionInput:
        return CompetitionInput(**self.cleaned_data)


class RulesForm(forms.Form):
    accept = forms.BooleanField(label=_("I have read and accept the rules"))


class SubmissionForm(forms.Form):
    file = forms.FileField(label=_("Predictions (CSV)"))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class DataFileForm(forms.Form):
    file = forms.FileField(label=_("Data file"))
    description = forms.CharField(label=_("Description"), max_length=300, required=False)


class SolutionForm(forms.Form):
    solution = forms.FileField(label=_("Solution (CSV with the true values)"))


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    body = forms.CharField(label=_("Text (Markdown)"), widget=forms.Textarea, max_length=20_000)


class TeamNameForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=60)


class InviteForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)


class WriteUpForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")
