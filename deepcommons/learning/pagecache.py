"""Learning's declarations for the page cache (mechanism: `deepcommons.core.pagecache`).

`learning-path:<id>` for one path's page and its certificates, `learning-paths`
for the list. Every write service bumps them inside its transaction. Pages
are cached for anonymous visitors only (`cache_anonymous`); a member's page
shows their own progress and is always rendered fresh.
"""

from __future__ import annotations

from deepcommons.core.pagecache import bump_versions

LISTS = "learning-paths"


def path_version_name(path_id: int) -> str:
    return f"learning-path:{path_id}"


def path_changed(path_id: int) -> None:
    bump_versions(path_version_name(path_id), LISTS)
