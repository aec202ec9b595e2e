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
    ConsolePage("health", "ops:health", _("Content health")),
)
