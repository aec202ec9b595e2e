"""The console's pages, in sidebar order: snapshot name, URL name, title."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ConsolePage:
    name: str
    url_name: str
    title: str | Promise


PAGES = (
    ConsolePage("overview", "ops:overview", _("Overview")),
    ConsolePage("growth", "ops:growth", _("Growth")),
    ConsolePage("activity", "ops:activity", _("Activity and churn")),
    ConsolePage("spread", "ops:spread", _("Content spread")),
    ConsolePage("network", "ops:network", _("Social network")),
    ConsolePage("health", "ops:health", _("Content health")),
    ConsolePage("incentives", "ops:incentives", _("Incentives")),
)
