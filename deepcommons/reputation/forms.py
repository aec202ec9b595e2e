"""Forms of the reputation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class BountyOfferForm(forms.Form):
    # The service checks the range, the steps and the reputation held, so the
    # page and the API refuse the same amounts with the same words.
    amount = forms.IntegerField(
        label=_("Bounty"),
        error_messages={"invalid": _("The amount must be a whole number.")},
    )
