"""The search index: one `SearchDocument` per searchable post.

It holds the post's text already segmented for Chinese (see `segment.py`),
plus the fields the filters need, so a search with filters is one query on
one table. The full-text structure on top of it depends on the database and
is created by migration 0002: an FTS5 external-content table `search_fts`
kept in sync by triggers on SQLite, a generated `tsvector` column `vector`
with a GIN index on PostgreSQL.

Only published, live posts are indexed (answers and replies only while their
thread is); deleting a post removes its document.
"""

from __future__ import annotations

import math
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from deepcommons.posts.models import Post
from deepcommons.spaces.models import Tag


class RowidOneToOneField(models.OneToOneField):  # type: ignore[type-arg]
    """A one-to-one primary key that is SQLite's rowid (column type INTEGER).

    FTS5 finds a document by rowid for every match it ranks; with the usual
    `bigint` key that is two B-tree searches (index, then table), with the
    rowid one. Other databases get the usual type.
    """

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


def boost_for(*, score: int, accepted: bool) -> float:
    """Ranking multiplier ≥ 1: +0.1 per factor e of positive score, +0.2 when accepted."""
    return round(1.0 + 0.1 * math.log1p(max(score, 0)) + (0.2 if accepted else 0.0), 4)


class SearchDocument(models.Model):
    post = RowidOneToOneField(
        Post, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    kind = models.CharField(max_length=12)
    # The top-level post: itself, or the question/discussion of an answer/reply.
    thread_id = models.BigIntegerField(db_index=True)
    space_id = models.BigIntegerField(null=True)
    author_id = models.BigIntegerField()
    created_at = models.DateTimeField()
    score = models.IntegerField(default=0)
    answer_count = models.IntegerField(default=0)
    accepted = models.BooleanField(default=False)
    boost = models.FloatField(default=1.0)
    # Segmented, lower-cased text (space-separated words).
    title = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        # A filter on kind or space walks its documents newest first (see
        # docs/search.md, Performance). Only adds indexes: on SQLite, a
        # migration that rebuilt this table would drop the FTS triggers.
        indexes = [
            models.Index(fields=["kind", "post"], name="search_document_kind"),
            models.Index(fields=["space_id", "post"], name="search_document_space"),
        ]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return f"search document {self.post_id}"


class DocumentTag(models.Model):
    """One tag of a document's thread (an answer has its question's tags).

    The key (tag, post) lists a tag's documents newest first, so `[tag]`
    with a common word walks that list instead of every document; `[tag]`
    alone reads it as an id set. Written with the document by
    `services.index_posts`. The foreign keys are to the post and the tag (not
    to the document), so deleting every document stays one statement.
    """

    pk = models.CompositePrimaryKey("tag", "post")
    # The key's (tag, post) index serves the tag; the post gets its own.
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+", db_index=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("search document tag")
        verbose_name_plural = _("search document tags")

    def __str__(self) -> str:
        return f"tag {self.tag_id} of search document {self.post_id}"


class QuestionEmbedding(models.Model):
    """A question's sentence embedding, for semantic "similar questions" (optional).

    Written only when the optional model package is installed (see
    `semantic.py`): `vector` is 384 float32 values, L2-normalised, as raw
    little-endian bytes (1,536 bytes). `model` names the model that made it,
    so a different model's vectors are recomputed rather than compared.
    A separate table, not a column of `SearchDocument`: altering that table
    on SQLite would drop its FTS triggers.
    """

    post = models.OneToOneField(
        Post, primary_key=True, on_delete=models.CASCADE, related_name="search_embedding"
    )
    vector = models.BinaryField()
    model = models.CharField(max_length=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Readers ask for the newest of one model's rows, read them by age, and
        # list their ids: all from this index, without reading the vectors.
        indexes = [
            models.Index(fields=["model", "updated_at", "post"], name="search_embedding_model_age")
        ]
        verbose_name = _("question embedding")
        verbose_name_plural = _("question embeddings")

    def __str__(self) -> str:
        return f"embedding {self.post_id}"
