"""Forms of the events pages. The services check the rules; forms parse."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import TIMEZONE_CHOICES
from deepcommons.events.models import (
    MAX_QUESTIONS,
    Event,
    EventKind,
    Format,
    Language,
    Rule,
)
from deepcommons.events.services import EventInput
from deepcommons.spaces.models import Space

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=LOCAL_FORMAT)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
        help_text=_("Markdown."),
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=LocalDateTimeInput(), input_formats=[LOCAL_FORMAT]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=LocalDateTimeInput(), input_formats=[LOCAL_FORMAT]
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIMEZONE_CHOICES,
        initial="Asia/Shanghai",
        help_text=_("The start and end are in this zone."),
    )
    space = forms.ModelChoiceField(
        label=_("Space"), queryset=Space.objects.order_by("position", "pk"), required=False
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Existing tags, separated by commas.")
    )
    venue = forms.CharField(label=_("Venue"), max_length=150, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    city = forms.CharField(label=_("City"), max_length=80, required=False)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for no limit. When full, new registrations join a waitlist."),
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown only to registered members, from 30 minutes before the start."),
    )
    speakers = forms.CharField(
        label=_("Speakers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: @username for a member, or “Name, affiliation”."),
    )
    co_organisers = forms.CharField(
        label=_("Co-organisers"), required=False, help_text=_("Usernames, separated by commas.")
    )
    questions = forms.CharField(
        label=_("Registration questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, at most 5; members answer them when they register."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        zone_name = cleaned.get("timezone") or "UTC"
        zone = zoneinfo.ZoneInfo(zone_name)
        # datetime-local has no zone: read it in the event's zone.
        for name in ("starts_at", "ends_at"):
            value = cleaned.get(name)
            if isinstance(value, datetime):
                cleaned[name] = value.replace(tzinfo=None).replace(tzinfo=zone)
        return cleaned

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        zone = event.zone
        speakers = [
            (f"@{s.user.username}" if s.user else s.name)
            + (f", {s.affiliation}" if s.affiliation else "")
            for s in event.speakers.select_related("user")
        ]
        return {
            "title": event.title,
            "kind": event.kind,
            "format": event.format,
            "language": event.language,
            "description": event.description,
            "starts_at": event.starts_at.astimezone(zone).replace(tzinfo=None),
            "ends_at": event.ends_at.astimezone(zone).replace(tzinfo=None),
            "timezone": event.timezone,
            "space": event.space_id,
            "tags": ", ".join(t.name for t in event.tags.all()),
            "venue": event.venue,
            "address": event.address,
            "city": event.city,
            "capacity": event.capacity,
            "video_url": event.video_url,
            "speakers": "\n".join(speakers),
            "co_organisers": ", ".join(u.username for u in event.co_organisers.all()),
            "questions": "\n".join(event.questions),
        }

    def to_input(self, *, existing: Event | None = None) -> EventInput:
        d = self.cleaned_data
        return EventInput(
            title=d["title"],
            description=d.get("description", ""),
            kind=d["kind"],
            format=d["format"],
            language=d["language"],
            space=d.get("space"),
            tags=d.get("tags", ""),
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            timezone=d["timezone"],
            venue=d.get("venue", ""),
            address=d.get("address", ""),
            city=d.get("city", ""),
            capacity=d.get("capacity"),
            video_url=d.get("video_url", ""),
            slides_url=existing.slides_url if existing else "",
            recording_url=existing.recording_url if existing else "",
            questions=_lines(d.get("questions", ""))[: MAX_QUESTIONS + 1],
            speakers=_lines(d.get("speakers", "")),
            co_organisers=[n for n in d.get("co_organisers", "").replace("，", ",").split(",")],
        )


class NewEventForm(EventForm):
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        choices=[("", _("Does not repeat")), *Rule.choices],
        required=False,
    )
    occurrences = forms.IntegerField(
        label=_("Number of events"),
        min_value=2,
        max_value=26,
        required=False,
        help_text=_("For a repeating event: how many to schedule."),
    )


class RegistrationForm(forms.Form):
    """The answers to an event's questions; fields are built from them."""

    def __init__(self, *args: Any, questions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for i, question in enumerate(questions):
            self.fields[f"q{i}"] = forms.CharField(
                label=question, required=False, max_length=1000, widget=forms.Textarea({"rows": 2})
            )

    def answers(self) -> dict[str, str]:
        return {q: self.cleaned_data.get(f"q{i}", "") for i, q in enumerate(self.questions)}


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to registrants)"), max_length=500, required=False
    )


class MaterialsForm(forms.Form):
    slides_url = forms.URLField(
        label=_("Slides"), required=False, max_length=500, assume_scheme="https"
    )
    recording_url = forms.URLField(
        label=_("Recording"), required=False, max_length=500, assume_scheme="https"
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea({"rows": 3})
    )


class EventFilterForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("Any format")), *Format.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *EventKind.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *Language.choices], required=False
    )
    city = forms.CharField(label=_("City"), max_length=80, required=False)
    space = forms.ModelChoiceField(
        label=_("Space"),
        queryset=Space.objects.order_by("position", "pk"),
        required=False,
        to_field_name="slug",
        empty_label=_("Any space"),
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "format": d.get("format") or "",
            "kind": d.get("kind") or "",
            "language": d.get("language") or "",
            "city": d.get("city") or "",
            "space": d.get("space"),
        }
