"""Careers' declarations for the page cache (mechanism: `deepcommons.core.pagecache`).

`jobs` covers every job list, `job:<id>` one job's page. Each write service in
`careers.services` bumps them inside its transaction. The pages are rendered
live today (the viewer's application, recruiter tools and alerts make most of
a job page personal); the versions are kept so a cached fragment can be added
without touching the services.
"""

from __future__ import annotations

from deepcommons.core.pagecache import bump_versions

LISTS = "jobs"


def job_version(job_id: int) -> str:
    return f"job:{job_id}"


def job_changed(job_id: int) -> None:
    """Call inside the writer's transaction."""
    bump_versions(job_version(job_id), LISTS)
