from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import PROFILE_FIELDS, User
from deepcommons.accounts.validators import (
    normalize_github,
    normalize_orcid,
    normalize_scholar,
    normalize_tags,
    validate_plain_text,
    validate_single_line,
)

BIO_MAX = 5000


class TagListField(forms.CharField):
    """Comma-separated free tags, shown and edited as text, stored as a list."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def clean(self, value: Any) -> list[str]:
        value = super().clean(value)
        return normalize_tags(value)


class ProfileForm(forms.ModelForm):
    bio = forms.CharField(
        label=_("Bio"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. At most %(n)d characters.") % {"n": BIO_MAX},
        # No max_length here: an over-long bio gets our message, and the text is kept.
    )
    skills = TagListField(
        label=_("Skills"),
        required=False,
        max_length=2000,
        help_text=_("Comma-separated, e.g. PyTorch, CUDA, 分布式训练"),
    )
    research_interests = TagListField(
        label=_("Research interests"),
        required=False,
        max_length=2000,
        help_text=_("Comma-separated, e.g. diffusion models, 强化学习"),
    )
    github = forms.CharField(label="GitHub", required=False, max_length=200)
    google_scholar = forms.CharField(label="Google Scholar", required=False, max_length=300)
    orcid = forms.CharField(label=_("ORCID iD"), required=False, max_length=40)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=300,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = User
        fields = list(PROFILE_FIELDS)

    def clean_display_name(self) -> str:
        value = " ".join(self.cleaned_data.get("display_name", "").split())
        validate_single_line(value)
        return value

    def clean_location(self) -> str:
        value = self.cleaned_data.get("location", "").strip()
        validate_single_line(value)
        return value

    def clean_bio(self) -> str:
        value: str = self.cleaned_data.get("bio", "")
        if len(value) > BIO_MAX:
            raise ValidationError(
                _("The bio has %(have)d characters; the limit is %(max)d."),
                params={"have": len(value), "max": BIO_MAX},
                code="bio_too_long",
            )
        validate_plain_text(value)
        return value

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get("website", "")
        if value and not value.lower().startswith(("http://", "https://")):
            raise ValidationError(_("Enter an http:// or https:// address."))
        return value

    def clean_github(self) -> str:
        value = self.cleaned_data.get("github", "").strip()
        return normalize_github(value) if value else ""

    def clean_google_scholar(self) -> str:
        value = self.cleaned_data.get("google_scholar", "").strip()
        return normalize_scholar(value) if value else ""

    def clean_orcid(self) -> str:
        value = self.cleaned_data.get("orcid", "").strip()
        return normalize_orcid(value) if value else ""


class AvatarForm(forms.Form):
    avatar = forms.FileField(
        label=_("Avatar"),
        help_text=_("JPEG, PNG, GIF or WebP; at most 5 MB and 4096 × 4096 pixels."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def clean_avatar(self) -> Any:
        upload = self.cleaned_data["avatar"]
        if upload.size > settings.AVATAR_MAX_BYTES:
            raise ValidationError(_("The image is larger than 5 MB."), code="image_too_large")
        return upload


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=60,
        validators=[validate_single_line],
        help_text=_("What the token is for, e.g. “notebook on my laptop”."),
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type your username to confirm"),
        max_length=30,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"].strip()
        if value.lower() != self.user.username.lower():
            raise ValidationError(_("That is not your username."), code="mismatch")
        return value
