"""Writes to the search index. The post hooks, the rebuild command and tests call these.

The index follows posts synchronously, right after each post change commits
(the hook runs in `transaction.on_commit`): updating one document is a
single-row upsert of a few milliseconds, and people search for what they just
posted, so a queued update would only add lag (or never run without a worker).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q

from deepcommons.posts.models import Kind, Post, Status
from deepcommons.search import semantic
from deepcommons.search.models import DocumentTag, QuestionEmbedding, SearchDocument, boost_for
from deepcommons.search.segment import index_text
from deepcommons.spaces.models import Tag

logger = logging.getLogger(__name__)

DOC_FIELDS = [
    "kind",
    "thread_id",
    "space_id",
    "author_id",
    "created_at",
    "score",
    "answer_count",
    "accepted",
    "boost",
    "title",
    "tags",
    "body",
]


def is_searchable(post: Post) -> bool:
    """Published and live, and so is its thread; a question merged into
    another is only a redirect now."""
    if post.status != Status.PUBLISHED or post.deleted_at is not None:
        return False
    if post.merged_into_id is not None:
        return False
    parent = post.parent if post.parent_id else None
    return parent is None or (parent.status == Status.PUBLISHED and parent.deleted_at is None)


def _accepted_answer_ids(posts: list[Post]) -> set[int]:
    parent_ids = {p.parent_id for p in posts if p.kind == Kind.ANSWER and p.parent_id}
    if not parent_ids:
        return set()
    return set(
        Post.objects.filter(pk__in=parent_ids, accepted_answer__isnull=False).values_list(
            "accepted_answer_id", flat=True
        )
    )


def build_document(post: Post, *, accepted_ids: set[int]) -> SearchDocument:
    """The index row for `post` (its parent and tags must be loaded)."""
    thread = post.parent if post.parent_id and post.parent else post
    if post.kind == Kind.ANSWER:
        accepted = post.pk in accepted_ids
    else:
        accepted = post.accepted_answer_id is not None
    tags = " ".join(t.name for t in thread.tags.all())
    title = post.title if post.is_top_level else ""
    body = post.body
    if post.summary:
        body = f"{post.summary}\n{body}"
    return SearchDocument(
        post_id=post.pk,
        kind=post.kind,
        thread_id=thread.pk,
        space_id=thread.space_id,
        author_id=post.author_id,
        created_at=post.created_at,
        score=post.score,
        answer_count=post.answer_count,
        accepted=accepted,
        boost=boost_for(score=post.score, accepted=accepted),
        title=index_text(title),
        tags=index_text(tags.replace("-", " ")),
        body=index_text(body),
    )


def document_tags(post: Post) -> list[DocumentTag]:
    """The tag rows of `post`'s document: its thread's tags (parent and tags loaded)."""
    thread = post.parent if post.parent_id and post.parent else post
    return [DocumentTag(tag_id=tag.pk, post_id=post.pk) for tag in thread.tags.all()]


def _load(post_ids: Iterable[int]) -> list[Post]:
    tags = Prefetch("tags", queryset=Tag.objects.only("id", "name"))
    parent_tags = Prefetch("parent__tags", queryset=Tag.objects.only("id", "name"))
    return list(
        Post.objects.filter(pk__in=list(post_ids))
        .select_related("parent")
        .prefetch_related(tags, parent_tags)
    )


def index_posts(*, post_ids: Iterable[int]) -> int:
    """Bring the documents of `post_ids` up to date; returns how many are indexed."""
    ids = set(post_ids)
    if not ids:
        return 0
    posts = _load(ids)
    searchable = [p for p in posts if is_searchable(p)]
    accepted_ids = _accepted_answer_ids(searchable)
    docs = [build_document(p, accepted_ids=accepted_ids) for p in searchable]
    tags = [row for p in searchable for row in document_tags(p)]
    keep = {d.post_id for d in docs}
    with transaction.atomic():
        SearchDocument.objects.filter(pk__in=ids - keep).delete()
        DocumentTag.objects.filter(post_id__in=ids).delete()
        if docs:
            SearchDocument.objects.bulk_create(
                docs, update_conflicts=True, unique_fields=["post"], update_fields=DOC_FIELDS
            )
            DocumentTag.objects.bulk_create(tags)
    return len(docs)


def index_thread(*, post_id: int) -> int:
    """A post with its parent and children: a change to one can change the others'
    documents (answer count, accepted mark, the thread's space and tags, visibility)."""
    related = Post.objects.filter(Q(pk=post_id) | Q(parent_id=post_id)).values_list("pk", flat=True)
    ids = set(related)
    parent_id = Post.objects.filter(pk=post_id).values_list("parent_id", flat=True).first()
    if parent_id:
        ids.add(parent_id)
    return index_posts(post_ids=ids)


def on_post_event(event: str, post: Post, **data: Any) -> None:
    """The posts hook: keep the index in step with every post change."""
    if event in ("voted", "commented") and post.parent_id is None:
        index_posts(post_ids=[post.pk])
    else:
        index_thread(post_id=post.pk)
    if event == "merged":
        # The source's answers now live in the target's thread.
        index_thread(post_id=data["target"].pk)


# Events that change a question's text or visibility, hence its embedding.
EMBEDDING_EVENTS = ("created", "edited", "published", "deleted", "restored")


def on_question_event(event: str, post: Post, **data: Any) -> None:
    """The posts hook for semantic search: re-embed a question that changed, in a
    task (encoding takes milliseconds of CPU per question and loads the model)."""
    if post.kind == Kind.QUESTION and event in EMBEDDING_EVENTS and semantic.is_available():
        from deepcommons.search.tasks import embed_questions_task

        embed_questions_task.enqueue(post_ids=[post.pk])


def embed_questions(*, post_ids: Iterable[int]) -> int:
    """Store the embeddings of those of `post_ids` that are searchable questions in
    English and remove the others'; returns how many are stored. Needs the
    semantic packages."""
    ids = set(post_ids)
    if not ids:
        return 0
    questions = Post.objects.filter(pk__in=ids, kind=Kind.QUESTION).select_related("parent")
    texts = {p.pk: semantic.question_text(p) for p in questions if is_searchable(p)}
    texts = {pk: text for pk, text in texts.items() if semantic.can_embed(text)}
    vectors = semantic.embed(list(texts.values()))
    rows = [
        QuestionEmbedding(post_id=pk, vector=semantic.to_bytes(v), model=semantic.MODEL_NAME)
        for pk, v in zip(texts, vectors, strict=True)
    ]
    keep = {row.post_id for row in rows}
    with transaction.atomic():
        QuestionEmbedding.objects.filter(pk__in=ids - keep).delete()
        if rows:
            QuestionEmbedding.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["post"],
                update_fields=["vector", "model", "updated_at"],
            )
    semantic.vectors_changed()
    return len(rows)


def embed_all_questions(
    *, batch_size: int = 256, progress: Callable[[int, int], None] | None = None
) -> int:
    """Backfill: embed every searchable question and drop the vectors of posts that
    are no longer searchable questions. Returns how many are stored;
    `progress(done, total)` is called after each batch.
    """
    ids = list(
        Post.objects.filter(kind=Kind.QUESTION, status=Status.PUBLISHED, deleted_at=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    QuestionEmbedding.objects.exclude(
        post__kind=Kind.QUESTION, post__status=Status.PUBLISHED, post__deleted_at=None
    ).delete()
    return _in_batches(ids, batch_size, lambda batch: embed_questions(post_ids=batch), progress)


def _in_batches(
    ids: list[int],
    size: int,
    work: Callable[[list[int]], int],
    progress: Callable[[int, int], None] | None,
) -> int:
    """`work` on `ids` a batch at a time; the sum of what it returns.

    `progress(done, total)` is called after each batch.
    """
    result = 0
    for start in range(0, len(ids), size):
        result += work(ids[start : start + size])
        if progress is not None:
            progress(min(start + size, len(ids)), len(ids))
    return result


def rebuild_index(
    *, batch_size: int = 1000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Re-create every document from the posts; returns how many are indexed.

    `progress(done, total)` is called after each batch.
    """
    ids = list(
        Post.objects.filter(status=Status.PUBLISHED, deleted_at__isnull=True, merged_into=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        DocumentTag.objects.all().delete()
    indexed = _in_batches(ids, batch_size, lambda batch: index_posts(post_ids=batch), progress)
    optimize_index()
    return indexed


def optimize_index() -> None:
    """After a bulk load: merge FTS5's segments (SQLite), or refresh the planner's
    statistics and the visibility map that index-only walks of the filters
    need (PostgreSQL; VACUUM cannot run inside a transaction, so then only
    ANALYZE)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            for model in (SearchDocument, DocumentTag):
                cursor.execute(f"{command} {model._meta.db_table}")
