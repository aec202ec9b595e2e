"""learning: routes are added as the app grows (see docs/architecture.md, JSON API)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["learning"])
