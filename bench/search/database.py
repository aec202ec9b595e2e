"""The search benchmark's database: a temporary or named SQLite file or PostgreSQL database."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse


def setup_database(args: argparse.Namespace) -> tuple[str, Any]:
    """Point DATABASE_URL at the bench database; return (vendor, cleanup).

    Without --db a new temporary database; with --db the named SQLite file or
    PostgreSQL database, created when missing. --keep or --reuse leave it in
    place afterwards.
    """
    keep = args.keep or args.reuse
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = args.db or f"bench_search_{os.getpid()}"
        parsed = urlparse(url)
        admin = urlunparse(parsed._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and not args.reuse:
                conn.execute(f'DROP DATABASE "{name}"')
            if not exists or not args.reuse:
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{name}"))

        def drop() -> None:
            from django.db import connections

            connections.close_all()
            if keep:
                print(f"kept database {name}")
                return
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

        return "postgresql", drop
    if args.db:
        path = str(Path(args.db).resolve())
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(path + suffix).unlink(missing_ok=True)
    else:
        handle, path = tempfile.mkstemp(prefix="bench_search_", suffix=".sqlite3", dir="/tmp")
        os.close(handle)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"

    def remove() -> None:
        if keep:
            print(f"kept database {path}")
            return
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)

    return "sqlite", remove
