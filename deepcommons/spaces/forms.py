"""Forms for spaces and tags. They parse input; the services check it
again with the same validators, so the page and any other caller agree."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from deepcommons.spaces.validators import (
    DESCRIPTION_MAX,
    RULES_MAX,
    validate_colour,
    validate_icon,
    validate_length,
)


class SpaceSettingsForm(forms.Form):
    # No maxlength attributes: an over-long text stays in the box with a message.
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        help_text=_("Up to 1,000 characters."),
    )
    description_zh = forms.CharField(
        label=_("Description (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "zh-Hans"}),
        help_text=_("Up to 1,000 characters."),
    )
    rules = forms.CharField(
        label=_("Rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Shown on the space's page and its About page. Up to 5,000 characters."),
    )
    icon = forms.CharField(
        label=_("Icon"), required=False, help_text=_("One emoji."), validators=[validate_icon]
    )
    colour = forms.CharField(
        label=_("Colour"),
        widget=forms.TextInput(attrs={"type": "color"}),
        validators=[validate_colour],
    )

    def _limited(self, name: str, limit: int, label: Any) -> str:
        value: str = self.cleaned_data.get(name) or ""
        validate_length(value, limit=limit, label=str(label))
        return value

    def clean_description_en(self) -> str:
        return self._limited("description_en", DESCRIPTION_MAX, _("The description"))

    def clean_description_zh(self) -> str:
        return self._limited("description_zh", DESCRIPTION_MAX, _("The description"))

    def clean_rules(self) -> str:
        return self._limited("rules", RULES_MAX, _("The rules"))


class ModeratorAddForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("The member becomes a moderator of this space."),
    )


class SpaceCreateForm(forms.Form):
    """A new space. The service checks everything (the address must be free)."""

    slug = forms.CharField(
        label=_("Address"),
        help_text=_("Lower-case letters, digits and hyphens: /spaces/<address>/."),
    )
    name_en = forms.CharField(
        label=_("Name (English)"), widget=forms.TextInput(attrs={"lang": "en"})
    )
    name_zh = forms.CharField(
        label=_("Name (Chinese)"), widget=forms.TextInput(attrs={"lang": "zh-Hans"})
    )
    description_en = SpaceSettingsForm.base_fields["description_en"]
    description_zh = SpaceSettingsForm.base_fields["description_zh"]
    icon = SpaceSettingsForm.base_fields["icon"]
    colour = SpaceSettingsForm.base_fields["colour"]
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language"))] + list(settings.LANGUAGES),
        help_text=_("The language posts in this space are written in, if only one."),
    )


class TagWikiForm(forms.Form):
    # No maxlength attributes: an over-long text stays in the box with a message.
    description = forms.CharField(
        label=_("Excerpt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two plain sentences shown in tag lists. Up to 300 characters."),
    )
    wiki = forms.CharField(
        label=_("Wiki"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "markdown-input"}),
        help_text=_("Markdown: what the tag covers, when to use it, good links."),
    )
    note = forms.CharField(
        label=_("Edit note"),
        required=False,
        help_text=_("What you changed, shown in the history."),
    )


class TagSynonymForm(forms.Form):
    name = forms.CharField(
        label=_("New synonym"),
        max_length=100,
        help_text=_("Posts tagged with it get this tag, and its page leads here."),
    )
