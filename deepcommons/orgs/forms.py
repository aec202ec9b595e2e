"""Forms of the organisation pages; the services do the checks that need the database."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from deepcommons.orgs.models import Organisation, OrgKind, OrgPostKind, OrgRole, OrgSize

LINK_LINES = 10


class OrgFilterForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *OrgKind.choices]
    )
    verified = forms.ChoiceField(
        label=_("Verified"),
        required=False,
        choices=[("", _("Any")), ("yes", _("Verified only")), ("no", _("Not verified"))],
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        verified = {"yes": True, "no": False}.get(self.cleaned_data["verified"])
        return {
            "kind": self.cleaned_data["kind"],
            "verified": verified,
            "q": self.cleaned_data["q"].strip(),
        }


class OrgForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website of the organisation"), required=False, assume_scheme="https"
    )
    links_text = forms.CharField(
        label=_("Other links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: a label, a space, then the address (GitHub https://…)."),
    )
    logo_upload = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("A square image works best; it is cropped to 256 × 256."),
    )

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name_en",
            "name_zh",
            "kind",
            "description",
            "website",
            "locations",
            "size",
            "email_domain",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        labels = {
            "slug": _("Address (slug)"),
            "name_en": _("Name in English"),
            "name_zh": _("Name in Chinese"),
            "kind": _("Kind"),
            "description": _("Description"),
            "locations": _("Locations"),
            "size": _("Size"),
            "email_domain": _("Work email domain"),
        }
        help_texts = {
            "slug": _("The address of the page: /orgs/<slug>/. Letters, digits and hyphens."),
            "description": _("Markdown."),
            "locations": _("Cities, separated by commas."),
        }

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["size"].choices = [("", _("Not given")), *OrgSize.choices]  # type: ignore[attr-defined]
        if editing:
            del self.fields["slug"]
            links = self.instance.links or []
            self.initial["links_text"] = "\n".join(
                f"{link.get('label', '')} {link.get('url', '')}".strip()
                for link in links
                if isinstance(link, dict)
            )

    def validate_unique(self) -> None:
        # The service answers a taken slug, inside its transaction.
        return

    def _post_clean(self) -> None:
        # Validation that touches the instance is the service's (a ModelForm
        # would otherwise write the cleaned values onto the live object).
        return

    def clean_links_text(self) -> list[dict[str, str]]:
        links = []
        validate = URLValidator(schemes=["http", "https"])
        lines = [line.strip() for line in self.cleaned_data["links_text"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > LINK_LINES:
            raise forms.ValidationError(_("At most 10 links."))
        for line in lines:
            label, _sep, url = line.rpartition(" ")
            try:
                validate(url)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(line)s” does not end with an address.") % {"line": line}
                ) from None
            links.append({"label": label.strip() or url, "url": url})
        return links

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["links"] = data.pop("links_text", [])
        return data


class InviteForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(
        label=_("Organisation role"), choices=OrgRole.choices, initial=OrgRole.MEMBER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Organisation role"), choices=OrgRole.choices)


class VerificationForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work email"),
        help_text=_("We send a confirmation link to this address."),
    )
    note = forms.CharField(
        label=_("Note to the operators"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OrgPostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OrgPostKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Body"),
        max_length=40_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown."),
    )
    sponsored = forms.BooleanField(
        label=_("Sponsored (promotion)"),
        required=False,
        help_text=_("Shown with a “Sponsored” label; the operators limit how often."),
    )


class PromotionPolicyForm(forms.Form):
    max_sponsored_per_30_days = forms.IntegerField(
        label=_("Sponsored posts per organisation per 30 days"), min_value=0, max_value=100
    )
