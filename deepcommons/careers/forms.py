from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.careers.models import (
    CURRENCY_CHOICES,
    ENDING_STATES,
    Availability,
    JobLanguage,
    JobRole,
    JobState,
    Seniority,
    Stage,
    TalentVisibility,
    Workplace,
)
from deepcommons.careers.services import JobData, TalentData
from deepcommons.orgs.models import Organisation

CURRENCY_FIELD_CHOICES = [("", "—"), *CURRENCY_CHOICES]


def split_tags(text: str) -> list[str]:
    return [t for t in text.replace(",", " ").lower().split() if t]


def end_of_day(day: Any) -> datetime | None:
    """The last minute of `day` in the viewer's time zone, stored as UTC."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


class JobForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        max_length=30_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown: the team, the work, what you look for."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=JobRole.choices)
    seniority = forms.ChoiceField(label=_("Seniority"), choices=Seniority.choices)
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=300,
        help_text=_("Tags, separated by spaces, e.g. pytorch computer-vision."),
    )
    workplace = forms.ChoiceField(label=_("Workplace"), choices=Workplace.choices)
    location = forms.CharField(label=_("Location"), required=False, max_length=120)
    time_zones = forms.CharField(
        label=_("Time zones"),
        required=False,
        max_length=120,
        help_text=_("For remote work, the time zones you hire in, e.g. UTC+8 ± 3 hours."),
    )
    salary_min = forms.IntegerField(label=_("Salary from (per year)"), required=False, min_value=0)
    salary_max = forms.IntegerField(label=_("Salary to (per year)"), required=False, min_value=0)
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=CURRENCY_FIELD_CHOICES,
        required=False,
        help_text=_("A salary range and currency are required to publish."),
    )
    visa_sponsorship = forms.BooleanField(label=_("Visa sponsorship"), required=False)
    language = forms.ChoiceField(label=_("Working language"), choices=JobLanguage.choices)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("30 days after publishing if left empty; you can renew it."),
    )

    def to_data(self) -> JobData:
        d = self.cleaned_data
        return JobData(
            title=d["title"],
            description=d["description"],
            role=d["role"],
            seniority=d["seniority"],
            skills=split_tags(d["skills"]),
            location=d["location"],
            workplace=d["workplace"],
            time_zones=d["time_zones"],
            salary_min=d["salary_min"],
            salary_max=d["salary_max"],
            currency=d["currency"],
            visa_sponsorship=d["visa_sponsorship"],
            language=d["language"],
            expires_at=end_of_day(d["expires_on"]),
        )

    @classmethod
    def initial_for(cls, job: Any) -> dict[str, Any]:
        return {
            "title": job.title,
            "description": job.description,
            "role": job.role,
            "seniority": job.seniority,
            "skills": " ".join(t.name for t in job.skills.all()),
            "workplace": job.workplace,
            "location": job.location,
            "time_zones": job.time_zones,
            "salary_min": job.salary_min,
            "salary_max": job.salary_max,
            "currency": job.currency,
            "visa_sponsorship": job.visa_sponsorship,
            "language": job.language,
            "expires_on": timezone.localtime(job.expires_at).date() if job.expires_at else None,
        }


class JobFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    skills = forms.CharField(label=_("Skills"), required=False, max_length=200)
    location = forms.CharField(label=_("Location"), required=False, max_length=100)
    remote = forms.BooleanField(label=_("Remote only"), required=False)
    salary = forms.IntegerField(label=_("Salary at least"), required=False, min_value=0)
    currency = forms.ChoiceField(
        label=_("Currency"), choices=CURRENCY_FIELD_CHOICES, required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *JobRole.choices], required=False)
    seniority = forms.ChoiceField(
        label=_("Seniority"), choices=[("", "—"), *Seniority.choices], required=False
    )
    org = forms.CharField(label=_("Organisation"), required=False, max_length=60)


class EndJobForm(forms.Form):
    state = forms.ChoiceField(choices=[(s.value, s.label) for s in JobState if s in ENDING_STATES])


class ApplyForm(forms.Form):
    cv = forms.FileField(
        label=_("CV (PDF, at most 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    cover_note = forms.CharField(
        label=_("Cover note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Private note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only your organisation's recruiters see notes."),
    )


class AlertForm(forms.Form):
    name = forms.CharField(label=_("Alert name"), required=False, max_length=80)


class TalentForm(forms.Form):
    open_to_work = forms.BooleanField(label=_("I am open to work"), required=False)
    headline = forms.CharField(label=_("Headline"), required=False, max_length=150)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=JobRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.CharField(label=_("Skills"), required=False, max_length=300)
    locations = forms.CharField(label=_("Locations"), required=False, max_length=200)
    remote_ok = forms.BooleanField(label=_("Open to remote work"), required=False)
    availability = forms.ChoiceField(label=_("Available"), choices=Availability.choices)
    salary_expectation = forms.IntegerField(
        label=_("Salary expectation (per year)"),
        required=False,
        min_value=0,
        help_text=_("Shown only to recruiters of the verified organisations you allow."),
    )
    salary_currency = forms.ChoiceField(
        label=_("Currency"), choices=CURRENCY_FIELD_CHOICES, required=False
    )
    visibility = forms.ChoiceField(
        label=_("Who may see it"), choices=TalentVisibility.choices, widget=forms.RadioSelect
    )
    allowed_orgs = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Verified organisations only. Recruiters of organisations you belong to never see it."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["allowed_orgs"]
        field.queryset = Organisation.objects.verified()  # type: ignore[attr-defined]

    def to_data(self) -> TalentData:
        d = self.cleaned_data
        return TalentData(
            open_to_work=d["open_to_work"],
            headline=d["headline"],
            roles=list(d["roles"]),
            skills=split_tags(d["skills"]),
            locations=d["locations"],
            remote_ok=d["remote_ok"],
            availability=d["availability"],
            salary_expectation=d["salary_expectation"],
            salary_currency=d["salary_currency"],
            visibility=d["visibility"],
            allowed_orgs=list(d["allowed_orgs"]),
        )


class TalentSearchForm(forms.Form):
    skills = forms.CharField(label=_("Skills"), required=False, max_length=200)
    location = forms.CharField(label=_("Location"), required=False, max_length=100)
    availability = forms.ChoiceField(
        label=_("Available"), choices=[("", "—"), *Availability.choices], required=False
    )


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The member sees it and accepts or declines; their email stays private."),
    )
