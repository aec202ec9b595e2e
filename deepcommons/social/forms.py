from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import User
from deepcommons.social.kinds import all_kinds
from deepcommons.social.models import Channel, Conversation, Message, MessageReport


class UsernamesField(forms.CharField):
    """Usernames separated by commas or spaces (a leading @ is fine) → active users."""

    def clean(self, value: Any) -> list[User]:  # type: ignore[override]
        text = super().clean(value)
        names = [n for n in re.split(r"[\s,;，]+", text or "") if n.strip("@ ")]
        users, missing = User.objects.active().named(names)
        if len(users) + len(missing) > Conversation.MAX_PARTICIPANTS:
            raise forms.ValidationError(
                _("Name at most %(max)d people.") % {"max": Conversation.MAX_PARTICIPANTS - 1}
            )
        if missing:
            raise forms.ValidationError(
                _("No member is called %(names)s.") % {"names": ", ".join(missing)}
            )
        if self.required and not users:
            raise forms.ValidationError(_("Name at least one member."))
        return users


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _attachments_field() -> MultipleFileField:
    return MultipleFileField(
        label=_("Attach files"),
        required=False,
        help_text=_("Up to 5 files of 10 MB: images, PDF, or text (code, notebooks, logs)."),
    )


class ConversationForm(forms.Form):
    recipients = UsernamesField(
        label=_("To"),
        max_length=700,
        help_text=_("Usernames, separated by commas. Up to 19 people."),
    )
    title = forms.CharField(label=_("Title"), max_length=120, required=False)
    body = forms.CharField(
        label=_("Message"),
        max_length=Message._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown is supported."),
    )
    attachments = _attachments_field()


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"),
        max_length=Message._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown is supported."),
        required=False,
    )
    attachments = _attachments_field()


class AddPeopleForm(forms.Form):
    usernames = UsernamesField(label=_("Add people"), max_length=700)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        max_length=MessageReport._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PreferencesForm(forms.Form):
    """One email-channel choice per registered notification kind."""

    def __init__(self, *args: Any, initial_channels: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in all_kinds():
            self.fields[kind.key] = forms.ChoiceField(
                label=str(kind.label),
                choices=Channel.choices,
                initial=initial_channels.get(kind.key, kind.default_email),
            )
