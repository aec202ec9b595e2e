"""What the organisation pages depend on, for the page cache (docs/architecture.md).

`org:<id>` covers one organisation's pages (about, posts, members), `orgs`
the directory. Every write service bumps both inside its transaction.
"""

from __future__ import annotations

from deepcommons.core.pagecache import bump_versions

LISTS = "orgs"


def org_version(org_id: int) -> str:
    return f"org:{org_id}"


def org_changed(org_id: int) -> None:
    """Call inside the writer's transaction."""
    bump_versions(org_version(org_id), LISTS)
