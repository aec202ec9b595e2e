"""Search backends, chosen by the database in use."""

from __future__ import annotations

from django.db import connection

from deepcommons.search.backends.base import SearchBackend


def get_backend() -> SearchBackend:
    """FTS5 on SQLite, full-text search on PostgreSQL."""
    if connection.vendor == "postgresql":
        from deepcommons.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from deepcommons.search.backends.sqlite_fts5 import FTS5Backend

    return FTS5Backend()
