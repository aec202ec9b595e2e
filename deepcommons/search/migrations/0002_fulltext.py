"""The full-text structure on top of search_document, per database.

SQLite: an FTS5 external-content table whose rows are search_document's
(rowid = post_id), kept in sync by triggers, so every write through Django
to search_document updates the index in the same transaction.
PostgreSQL: a stored generated tsvector column (title weighted A, tags B,
body C) with a GIN index.
"""

from typing import Any

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, tags, body,
        content='search_searchdocument', content_rowid='post_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, tags, body)
        VALUES (new.post_id, new.title, new.tags, new.body);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, tags, body)
        VALUES ('delete', old.post_id, old.title, old.tags, old.body);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE OF title, tags, body ON search_searchdocument
    BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, tags, body)
        VALUES ('delete', old.post_id, old.title, old.tags, old.body);
        INSERT INTO search_fts(rowid, title, tags, body)
        VALUES (new.post_id, new.title, new.tags, new.body);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    # English stemming like FTS5's porter tokenizer, but without stop words,
    # so "out of memory" stays a three-word phrase.
    "CREATE TEXT SEARCH DICTIONARY search_english_stem (TEMPLATE = snowball, LANGUAGE = english)",
    "CREATE TEXT SEARCH CONFIGURATION search_english (COPY = english)",
    """ALTER TEXT SEARCH CONFIGURATION search_english ALTER MAPPING FOR
        asciiword, asciihword, hword_asciipart, word, hword, hword_part
        WITH search_english_stem""",
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('search_english'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('search_english'::regconfig, coalesce(tags, '')), 'B') ||
        setweight(to_tsvector('search_english'::regconfig, coalesce(body, '')), 'C')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS search_english",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS search_english_stem",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
