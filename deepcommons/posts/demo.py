"""A demo community that looks real in both languages: questions with code and
math and accepted answers, articles, a tutorial series, discussions, votes."""

from __future__ import annotations

import random
from typing import Any

from django.test import override_settings

from deepcommons.accounts.models import User
from deepcommons.accounts.privileges import PRIVILEGES
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_answer, make_comment, make_post
from deepcommons.spaces.models import Space

QUESTIONS: list[dict[str, Any]] = [
    {
        "author": "ada_l",
        "space": "llms",
        "tags": "pytorch cuda",
        "title": "Why does my loss become NaN after enabling mixed precision?",
        "body": "Training a small GPT with `torch.autocast`. After ~2k steps the loss is `nan`.\n\n"
        "```python\nwith torch.autocast('cuda', dtype=torch.float16):\n    logits = model(x)\n"
        "    loss = F.cross_entropy(logits.view(-1, V), y.view(-1))\nloss.backward()\n```\n\n"
        "The learning rate is $\\eta = 3\\times10^{-4}$ with warm-up. What am I missing?",
        "answers": [
            (
                "li_wei",
                "fp16 overflows above $65504$. Use a `GradScaler`:\n\n```python\n"
                "scaler = torch.cuda.amp.GradScaler()\nscaler.scale(loss).backward()\n"
                "scaler.step(opt)\nscaler.update()\n```\n\nOr switch to `bfloat16`, which has the "
                "range of fp32.",
                True,
            ),
            ("andrej_k", "Also check the softmax: compute it in fp32 (`logits.float()`).", False),
        ],
    },
    {
        "author": "zhang_min",
        "space": "computer-vision",
        "tags": "pytorch optimization",
        "title": "目标检测训练时 mAP 一直上不去，学习率该怎么调？",
        "body": "用 YOLOv8 训练自己的数据集，mAP@0.5 停在 0.42。\n\n当前配置：\n\n"
        "```yaml\nlr0: 0.01\n"
        "momentum: 0.937\nweight_decay: 0.0005\n```\n\n余弦退火公式 $\\eta_t = \\eta_{min} + "
        "\\frac{1}{2}(\\eta_{max}-\\eta_{min})(1+\\cos\\frac{t\\pi}{T})$ 是否适合小数据集？",
        "answers": [
            (
                "zhou_tao",
                "小数据集建议先把 `lr0` 降到 `0.001`，并加大数据增强（mosaic、mixup）。"
                "余弦退火没问题，但 warm-up 要保留 3 个 epoch。",
                True,
            ),
            (
                "kaiming_h",
                "Check your labels first: a 0.42 plateau is often a class-id mismatch.",
                False,
            ),
        ],
    },
    {
        "author": "sara_h",
        "space": "nlp",
        "tags": "transformers",
        "title": "How is the attention scaling factor derived?",
        "body": "In $\\mathrm{softmax}(QK^T/\\sqrt{d_k})V$, why exactly $\\sqrt{d_k}$?",
        "answers": [
            (
                "oriol_v",
                "If $q, k$ have i.i.d. components with variance 1, then "
                "$\\mathrm{Var}(q\\cdot k) = d_k$. "
                "Dividing by $\\sqrt{d_k}$ keeps the logits at unit "
                "variance so the softmax does not saturate.",
                True,
            ),
        ],
    },
    {
        "author": "chen_jie",
        "space": "mlops",
        "tags": "distributed-training pytorch",
        "title": "DDP 多机训练时 NCCL 超时怎么排查？",
        "body": "两台机器各 8 卡，启动后报 `NCCL timeout`：\n\n```bash\ntorchrun --nnodes=2 "
        "--nproc_per_node=8 --rdzv_endpoint=10.0.0.1:29500 train.py\n```",
        "answers": [
            (
                "li_wei",
                "先设置 `NCCL_DEBUG=INFO` 看是哪张网卡；多网卡时用 "
                "`NCCL_SOCKET_IFNAME=eth0` 指定。",
                False,
            ),
        ],
    },
    {
        "author": "tim_d",
        "space": "llms",
        "tags": "jax",
        "title": "JAX pmap vs. shard_map for tensor parallelism?",
        "body": "Is `pmap` deprecated for new code? What does `shard_map` give me?",
        "answers": [],
    },
]
ARTICLES: list[dict[str, Any]] = [
    {
        "author": "rachel_t",
        "space": "nlp",
        "tags": "transformers",
        "title": "Attention, explained with one matrix",
        "summary": "A visual walk through scaled dot-product attention.",
        "body": "Attention mixes values by similarity:\n\n$$\\mathrm{Attn}(Q,K,V) = "
        "\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V$$\n\n"
        "```python\nscores = q @ k.transpose(-2, -1) / math.sqrt(d_k)\n"
        "out = scores.softmax(-1) @ v\n```",
    },
    {
        "author": "wu_xia",
        "space": "zh-general",
        "tags": "cuda",
        "title": "显存不够？梯度检查点的原理与实践",
        "summary": "用计算换显存：activation checkpointing 一文讲清。",
        "body": "梯度检查点把前向激活的显存从 $O(n)$ 降到 $O(\\sqrt{n})$。\n\n```python\n"
        "from torch.utils.checkpoint import checkpoint\n"
        "y = checkpoint(block, x, use_reentrant=False)\n```",
    },
]
TUTORIAL_PARTS = [
    ("Tensors and autograd", "beginner", "x = torch.randn(3, requires_grad=True)"),
    ("Writing a training loop", "beginner", "for x, y in loader:\n    opt.zero_grad()"),
    ("Your first Transformer block", "intermediate", "attn = nn.MultiheadAttention(512, 8)"),
]
DISCUSSIONS: list[dict[str, Any]] = [
    {
        "author": "jeremy_h",
        "space": "llms",
        "title": "Is fine-tuning dead now that context is long?",
        "body": "With 1M-token contexts, when do you still fine-tune?",
        "replies": ["gao_feng", "ian_g", "grace_h"],
    },
    {
        "author": "ma_lin",
        "space": "zh-general",
        "title": "大家平时用什么 GPU 云？",
        "body": "想租 A100 做实验，有推荐的平台吗？",
        "replies": ["he_jing", "lin_yu"],
    },
]
REPLY_TEXT = [
    "For style and format, fine-tuning still wins.",
    "Retrieval plus a long context covers most of our cases.",
    "按小时计费的平台比较灵活，注意数据传输费用。",
    "同意楼上，另外注意显存是 40G 还是 80G。",
    "Depends on latency budget: long prompts are slow.",
]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def build(stdout: Any) -> None:
    # Demo members vote, comment and tag as if they had earned the reputation:
    # the ledger gives them theirs from these very votes.
    with override_settings(REPUTATION_PRIVILEGES={p.name: 0 for p in PRIVILEGES}):
        _build(stdout)


def _build(stdout: Any) -> None:
    if Post.objects.exists():
        stdout.write("  posts already present")
        return
    rng = random.Random(4)
    people = list(User.objects.active().exclude(username="admin"))
    spaces = {s.slug: s for s in Space.objects.all()}
    for spec in QUESTIONS:
        question = make_post(
            Kind.QUESTION,
            author=_user(spec["author"]),
            title=spec["title"],
            body=spec["body"],
            tags=spec["tags"],
            space=spaces.get(spec["space"]),
        )
        for username, body, accepted in spec["answers"]:
            answer = make_answer(question, author=_user(username), body=body)
            for voter in rng.sample(people, 6):
                if voter.pk != answer.author_id:
                    services.vote(post=answer, user=voter, value=1)
            if accepted:
                services.accept_answer(answer=answer, by=question.author)
        for voter in rng.sample(people, rng.randint(2, 9)):
            if voter.pk != question.author_id:
                services.vote(post=question, user=voter, value=1)
        make_comment(question, author=rng.choice(people), body="Which version are you on?")
    for spec in ARTICLES:
        article = make_post(
            Kind.ARTICLE,
            author=_user(spec["author"]),
            title=spec["title"],
            body=spec["body"],
            tags=spec["tags"],
            summary=spec["summary"],
            space=spaces.get(spec["space"]),
        )
        for voter in rng.sample(people, 8):
            if voter.pk != article.author_id:
                services.vote(post=article, user=voter, value=1)
    author = _user("andrej_k")
    series = services.create_series(
        author=author,
        title="Deep learning from zero / 从零开始",
        description="A three-part tutorial.",
    )
    for position, (title, difficulty, code) in enumerate(TUTORIAL_PARTS, start=1):
        make_post(
            Kind.TUTORIAL,
            author=author,
            title=title,
            body=f"Part {position}.\n\n```python\n{code}\n```",
            tags="pytorch",
            difficulty=difficulty,
            series=series,
            series_position=position,
            prerequisites="Python, NumPy",
            space=spaces.get("llms"),
            summary=f"Part {position} of the series.",
        )
    for spec in DISCUSSIONS:
        discussion = make_post(
            Kind.DISCUSSION,
            author=_user(spec["author"]),
            title=spec["title"],
            body=spec["body"],
            tags="",
            space=spaces.get(spec["space"]),
        )
        previous = None
        for username in spec["replies"]:
            previous = services.create_child(
                parent=discussion,
                author=_user(username),
                body=rng.choice(REPLY_TEXT),
                reply_to=previous if rng.random() < 0.5 else None,
            )
    stdout.write(f"  {Post.objects.count()} posts")
