"""The synthetic corpus of the search benchmark: words, seeded posts and the queries run."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

EN_WORDS = [
    "model",
    "training",
    "loss",
    "gradient",
    "optimizer",
    "adam",
    "learning",
    "rate",
    "batch",
    "size",
    "epoch",
    "layer",
    "attention",
    "transformer",
    "encoder",
    "decoder",
    "embedding",
    "token",
    "tokenizer",
    "dataset",
    "augmentation",
    "dropout",
    "overfitting",
    "regularization",
    "convolution",
    "pooling",
    "kernel",
    "stride",
    "padding",
    "residual",
    "normalization",
    "inference",
    "latency",
    "gpu",
    "cuda",
    "memory",
    "tensor",
    "precision",
    "quantization",
    "pruning",
    "distillation",
    "checkpoint",
    "scheduler",
    "warmup",
    "accuracy",
    "recall",
    "precision",
    "benchmark",
    "pipeline",
    "feature",
    "classifier",
    "detection",
    "segmentation",
    "diffusion",
    "sampling",
    "noise",
    "reward",
    "policy",
    "agent",
    "graph",
    "node",
    "edge",
    "vector",
    "retrieval",
    "prompt",
    "context",
    "window",
    "fine-tuning",
    "adapter",
    "lora",
]
ZH_WORDS = [
    "模型",
    "训练",
    "损失",
    "梯度",
    "优化器",
    "学习率",
    "批大小",
    "数据集",
    "数据增强",
    "过拟合",
    "正则化",
    "卷积层",
    "池化层",
    "注意力机制",
    "编码器",
    "解码器",
    "词向量",
    "显存",
    "显卡",
    "推理",
    "量化",
    "剪枝",
    "知识蒸馏",
    "准确率",
    "召回率",
    "目标检测",
    "语义分割",
    "扩散模型",
    "强化学习",
    "图神经网络",
    "预训练",
    "微调",
    "大模型",
    "提示词",
    "损失函数",
    "反向传播",
    "梯度消失",
    "激活函数",
    "批归一化",
    "迁移学习",
    "分布式训练",
    "混合精度",
    "超参数",
    "验证集",
]
ZH_GLUE = [
    "的",
    "了",
    "在",
    "时",
    "和",
    "但是",
    "为什么",
    "怎么",
    "出现",
    "一直",
    "效果",
    "问题",
    "请问",
    "如何",
    "使用",
    "之后",
]
TAGS = [
    "pytorch",
    "tensorflow",
    "jax",
    "cuda",
    "nlp",
    "computer-vision",
    "llm",
    "optimization",
    "deployment",
    "reinforcement-learning",
] + [f"topic-{n}" for n in range(40)]


def english_text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(EN_WORDS) for _ in range(n)).capitalize() + "."


def chinese_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ZH_WORDS) + rng.choice(ZH_GLUE) for _ in range(n)) + "。"


def seed(total: int, rng: random.Random) -> dict[str, int]:
    """Bulk-insert users, spaces, tags, posts (with tags) and the corpus; return corpus ids."""
    from deepcommons.accounts.models import User
    from deepcommons.posts.models import Post
    from deepcommons.search.tests.data.corpus import POSTS
    from deepcommons.spaces.models import Space, Tag

    users = User.objects.bulk_create(
        [User(username=f"user{n}", email=f"user{n}@example.com") for n in range(300)]
    )
    spaces = Space.objects.bulk_create(
        [Space(slug=s, name_en=s, name_zh=s) for s in ("nlp", "vision", "rl", "systems", "zh")]
    )
    tags = Tag.objects.bulk_create([Tag(name=name) for name in TAGS])
    now = datetime.now(UTC)
    through = Post.tags.through
    corpus_ids: dict[str, int] = {}
    batch: list[Post] = []
    questions: list[int] = []

    def flush() -> None:
        created = Post.objects.bulk_create(batch)
        links = []
        for post in created:
            if post.kind != "answer":
                for tag in rng.sample(tags, rng.randint(1, 3)):
                    links.append(through(post_id=post.pk, tag_id=tag.pk))
                if post.kind == "question":
                    questions.append(post.pk)
        through.objects.bulk_create(links)
        batch.clear()

    for key, kind, tag_names, title, body in POSTS:
        post = Post.objects.create(
            kind=kind, author=rng.choice(users), title=title, body=body, space=spaces[0]
        )
        post.tags.set(Tag.objects.filter(name__in=tag_names.split(",")))
        corpus_ids[key] = post.pk
    for _n in range(total - len(POSTS)):
        chinese = rng.random() < 0.4
        roll = rng.random()
        kind = (
            "question"
            if roll < 0.5 or not questions
            else "answer"
            if roll < 0.8
            else rng.choice(["article", "tutorial", "discussion"])
        )
        body = chinese_text(rng, rng.randint(8, 30)) if chinese else english_text(rng, 60)
        title = (
            ""
            if kind == "answer"
            else (chinese_text(rng, 3) if chinese else english_text(rng, rng.randint(4, 9)))
        )
        batch.append(
            Post(
                kind=kind,
                author=rng.choice(users),
                parent_id=rng.choice(questions[-2000:]) if kind == "answer" else None,
                space=rng.choice(spaces),
                title=title[:150],
                body=body,
                score=max(-3, int(rng.expovariate(0.3)) - 2),
                answer_count=rng.randint(0, 6) if kind == "question" else 0,
                created_at=now - timedelta(days=rng.uniform(0, 900)),
            )
        )
        if len(batch) == 2000:
            flush()
    if batch:
        flush()
    return corpus_ids


def make_queries(rng: random.Random) -> list[str]:
    queries = []
    for _ in range(80):
        queries.append(" ".join(rng.sample(EN_WORDS, rng.randint(1, 3))))
    for _ in range(60):
        queries.append(" ".join(rng.sample(ZH_WORDS, rng.randint(1, 2))))
    filters = [
        "[{tag}]",
        "is:question",
        "score:3..",
        "answers:0",
        "created:2025..",
        "is:article [{tag}]",
        "user:user7",
        "space:nlp",
        '"{en} {en2}"',
        "-{en2}",
    ]
    for _ in range(60):
        word = rng.choice(EN_WORDS + ZH_WORDS)
        template = rng.choice(filters)
        queries.append(
            f"{word} "
            + template.format(tag=rng.choice(TAGS[:10]), en=word, en2=rng.choice(EN_WORDS))
        )
    return queries


def existing_corpus_ids() -> dict[str, int]:
    """The corpus posts of a reused database: the first ones created, in order."""
    from deepcommons.posts.models import Post
    from deepcommons.search.tests.data.corpus import POSTS

    first = list(Post.objects.order_by("pk").values_list("pk", flat=True)[: len(POSTS)])
    return {key: pk for (key, *_rest), pk in zip(POSTS, first, strict=True)}
