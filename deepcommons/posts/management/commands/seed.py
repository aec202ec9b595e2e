"""Synthetic users and posts for load tests: `manage.py seed --users N --posts M`.

Rows are written with bulk_create in batches, so 10,000 users and 100,000
posts take well under three minutes on SQLite. On an empty database the same
`--seed` gives the same data; run again, it adds members with fresh usernames
and more posts by them. Scores are drawn at random (no vote rows) to give the lists a
realistic spread; counters such as answer_count match the rows written.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.core.markdown import render_markdown
from deepcommons.posts.models import Comment, Kind, Post, hot_score, reading_minutes
from deepcommons.spaces.models import Space, Tag

BATCH = 2000
WORDS = [
    "model",
    "loss",
    "gradient",
    "tensor",
    "batch",
    "layer",
    "attention",
    "token",
    "embedding",
    "optimizer",
    "learning",
    "rate",
    "dropout",
    "GPU",
    "memory",
    "training",
    "inference",
    "dataset",
    "accuracy",
    "模型",
    "训练",
    "显存",
    "梯度",
    "数据集",
    "推理",
    "注意力",
    "微调",
]
TAG_NAMES = [
    "pytorch",
    "cuda",
    "transformers",
    "jax",
    "optimization",
    "distributed-training",
    "cnn",
    "rlhf",
    "diffusion",
    "quantization",
    "tokenizer",
    "onnx",
    "tensorrt",
    "lora",
]
BODIES = [
    "I see `{w}` growing when {w2} changes:\n\n```python\nx = torch.randn(8, 16)\n"
    "y = model(x)\n```\n\nWith $\\eta = 10^{{-3}}$ it diverges.",
    "How do I choose the {w} for {w2}? The loss is $L = -\\sum_i y_i \\log p_i$.",
    "在 {w} 上遇到问题：{w2} 不收敛，有什么建议？",
]


class Progress:
    def __init__(self, label: str, total: int, out: Any) -> None:
        self.label, self.total, self.out, self.done = label, max(total, 1), out, 0

    def advance(self, n: int) -> None:
        self.done += n
        filled = int(30 * self.done / self.total)
        self.out.write(
            f"\r{self.label:<9} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
        )
        self.out.flush()
        if self.done >= self.total:
            self.out.write("\n")


class Command(BaseCommand):
    help = "Generate synthetic users, questions, answers, articles and comments."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--users", type=int, default=1000)
        parser.add_argument("--posts", type=int, default=10000)
        parser.add_argument("--comments", type=int, default=None, help="Default: posts / 4.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        started = time.monotonic()
        out = sys.stdout
        users = self._users(rng, options["users"], out)
        tags = [Tag.objects.get_or_create(name=name)[0] for name in TAG_NAMES]
        spaces = list(Space.objects.all()) or [
            Space.objects.create(slug="general", name_en="General", name_zh="综合")
        ]
        posts = self._posts(rng, users, tags, spaces, options["posts"], out)
        comments = options["comments"] if options["comments"] is not None else options["posts"] // 4
        self._comments(rng, users, posts, comments, out)
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")

    def _users(self, rng: random.Random, count: int, out: Any) -> list[int]:
        password = make_password("seeded-user-password")
        # A second run with the same --seed draws the same prefix: draw again
        # until it is free, so each run adds members with fresh usernames.
        prefix = f"seed{rng.randrange(10**6):06d}_"
        while User.objects.filter(username__startswith=prefix).exists():
            prefix = f"seed{rng.randrange(10**6):06d}_"
        progress = Progress("users", count, out)
        for start in range(0, count, BATCH):
            batch = [
                User(
                    username=f"{prefix}{i}",
                    display_name=f"User {i}",
                    password=password,
                    email=f"{prefix}{i}@example.com",
                )
                for i in range(start, min(start + BATCH, count))
            ]
            User.objects.bulk_create(batch)
            progress.advance(len(batch))
        return list(User.objects.filter(username__startswith=prefix).values_list("pk", flat=True))

    def _text(self, rng: random.Random) -> tuple[str, str]:
        body = rng.choice(BODIES).format(w=rng.choice(WORDS), w2=rng.choice(WORDS))
        return body, render_markdown(body)

    def _posts(
        self,
        rng: random.Random,
        users: list[int],
        tags: list[Tag],
        spaces: list[Space],
        count: int,
        out: Any,
    ) -> list[int]:
        now = timezone.now()
        n_top = max(1, count // 10)
        progress = Progress("posts", count, out)
        rendered = [self._text(rng) for _ in range(50)]  # rendering is the slow part
        top_ids: list[int] = []
        kinds = [Kind.QUESTION] * 7 + [Kind.ARTICLE, Kind.DISCUSSION, Kind.TUTORIAL]
        for start in range(0, n_top, BATCH):
            batch = []
            for i in range(start, min(start + BATCH, n_top)):
                created = now - timedelta(minutes=(n_top - i) * 5)
                body, html = rng.choice(rendered)
                score = int(rng.paretovariate(1.5)) - 1
                batch.append(
                    Post(
                        kind=rng.choice(kinds),
                        author_id=rng.choice(users),
                        space=rng.choice(spaces),
                        title=f"{rng.choice(WORDS)} and {rng.choice(WORDS)}: question {i}",
                        body=body,
                        body_html=html,
                        score=score,
                        upvotes=score,
                        created_at=created,
                        last_activity_at=created,
                        hot=hot_score(score, created),
                        reading_minutes=reading_minutes(body),
                        revision_count=1,
                    )
                )
            with transaction.atomic():
                created_posts = Post.objects.bulk_create(batch)
                through = Post.tags.through
                through.objects.bulk_create(
                    [
                        through(post_id=p.pk, tag_id=t.pk)
                        for p in created_posts
                        for t in rng.sample(tags, rng.randint(1, 3))
                    ]
                )
            top_ids += [p.pk for p in created_posts]
            progress.advance(len(batch))
        parents = list(
            Post.objects.filter(
                pk__in=top_ids, kind__in=[Kind.QUESTION, Kind.DISCUSSION]
            ).values_list("pk", "kind", "created_at")
        )
        answer_counts: dict[int, int] = {}
        remaining = count - n_top
        for start in range(0, remaining, BATCH):
            batch = []
            for _ in range(min(BATCH, remaining - start)):
                parent_id, parent_kind, parent_created = rng.choice(parents)
                created = parent_created + timedelta(minutes=rng.randint(1, 600))
                body, html = rng.choice(rendered)
                score = int(rng.paretovariate(2)) - 1
                batch.append(
                    Post(
                        kind=Kind.ANSWER if parent_kind == Kind.QUESTION else Kind.REPLY,
                        parent_id=parent_id,
                        author_id=rng.choice(users),
                        body=body,
                        body_html=html,
                        score=score,
                        upvotes=score,
                        created_at=created,
                        last_activity_at=created,
                        hot=hot_score(score, created),
                        revision_count=1,
                    )
                )
                answer_counts[parent_id] = answer_counts.get(parent_id, 0) + 1
            Post.objects.bulk_create(batch)
            progress.advance(len(batch))
        with transaction.atomic():
            for parent_id, n in answer_counts.items():
                Post.objects.filter(pk=parent_id).update(answer_count=n)
        for space in spaces:
            Space.objects.filter(pk=space.pk).update(
                post_count=Post.objects.filter(space=space, deleted_at__isnull=True).count(),
                last_activity_at=now,
            )
        return top_ids

    def _comments(
        self, rng: random.Random, users: list[int], posts: list[int], count: int, out: Any
    ) -> None:
        progress = Progress("comments", count, out)
        per_post: dict[int, int] = {}
        for start in range(0, count, BATCH):
            batch = []
            for _ in range(min(BATCH, count - start)):
                post_id = rng.choice(posts)
                per_post[post_id] = per_post.get(post_id, 0) + 1
                batch.append(
                    Comment(
                        post_id=post_id,
                        author_id=rng.choice(users),
                        body="Have you tried a smaller batch?",
                        body_html="<p>Have you tried a smaller batch?</p>",
                    )
                )
            Comment.objects.bulk_create(batch)
            progress.advance(len(batch))
        with transaction.atomic():
            for post_id, n in per_post.items():
                Post.objects.filter(pk=post_id).update(comment_count=n)
