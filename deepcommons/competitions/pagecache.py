"""Competitions' declarations for the page cache (`deepcommons.core.pagecache`).

`competition:<id>` covers one competition's pages (overview, leaderboard,
teams), `competitions` the list. Every write service bumps them inside its
transaction.
"""

from __future__ import annotations

from deepcommons.core.pagecache import bump_versions

LISTS = "competitions"


def competition_version_name(competition_id: int) -> str:
    return f"competition:{competition_id}"


def competition_changed(competition_id: int) -> None:
    bump_versions(competition_version_name(competition_id), LISTS)
