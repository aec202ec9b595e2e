"""Demo spaces and tags (with synonyms), in both languages."""

from __future__ import annotations

from typing import Any

from deepcommons.accounts.models import User
from deepcommons.spaces.models import Space, Tag, TagSynonym

SPACES: list[dict[str, Any]] = [
    {
        "slug": "computer-vision",
        "name_en": "Computer Vision",
        "name_zh": "计算机视觉",
        "icon": "👁",
        "description_en": "Detection, segmentation, generative images and video.",
        "description_zh": "目标检测、分割、图像生成与视频理解。",
        "moderator": "zhang_min",
    },
    {
        "slug": "nlp",
        "name_en": "NLP",
        "name_zh": "自然语言处理",
        "icon": "💬",
        "description_en": "Tokenizers, translation, retrieval and everything text.",
        "description_zh": "分词、机器翻译、检索以及一切文本相关。",
        "moderator": "liu_yang",
    },
    {
        "slug": "reinforcement-learning",
        "name_en": "Reinforcement Learning",
        "name_zh": "强化学习",
        "icon": "🎮",
        "description_en": "Agents, environments, RLHF.",
        "description_zh": "智能体、环境与 RLHF。",
        "moderator": "wang_fang",
    },
    {
        "slug": "llms",
        "name_en": "LLMs",
        "name_zh": "大语言模型",
        "icon": "🦙",
        "description_en": "Pre-training, fine-tuning and serving large language models.",
        "description_zh": "大模型的预训练、微调与推理部署。",
        "moderator": "li_wei",
    },
    {
        "slug": "mlops",
        "name_en": "MLOps",
        "name_zh": "MLOps",
        "icon": "⚙",
        "description_en": "Training infrastructure, deployment and monitoring.",
        "description_zh": "训练基础设施、部署与监控。",
        "moderator": "chen_jie",
    },
    {
        "slug": "zh-general",
        "name_en": "Chinese general",
        "name_zh": "中文综合",
        "icon": "🀄",
        "language": "zh-hans",
        "description_en": "General discussion in Chinese.",
        "description_zh": "用中文聊任何深度学习话题。",
        "moderator": "li_wei",
    },
]
TAGS = {
    "pytorch": ("PyTorch, the tensor library with autograd.", ["torch"]),
    "cuda": ("NVIDIA's GPU computing platform.", []),
    "transformers": ("The attention architecture and the Hugging Face library.", ["transformer"]),
    "jax": ("Composable transformations of NumPy programs.", []),
    "optimization": ("Optimizers, learning-rate schedules, convergence.", ["optimizer"]),
    "distributed-training": ("Data, tensor and pipeline parallelism.", ["ddp"]),
}


def build(stdout: Any) -> None:
    # Not the test factories: they find an existing space or tag by its key and
    # leave it as it is, while a rebuild must bring the demo's spaces and tag
    # descriptions up to date with the lists above.
    for position, spec in enumerate(SPACES):
        spec = dict(spec)
        moderator = spec.pop("moderator")
        space, _created = Space.objects.update_or_create(
            slug=spec.pop("slug"), defaults={**spec, "position": position}
        )
        user = User.objects.filter(username=moderator).first()
        if user:
            space.moderators.add(user)
    for name, (description, synonyms) in TAGS.items():
        tag, _created = Tag.objects.update_or_create(
            name=name, defaults={"description": description}
        )
        for synonym in synonyms:
            TagSynonym.objects.get_or_create(name=synonym, defaults={"tag": tag})
    stdout.write(f"  {len(SPACES)} spaces, {len(TAGS)} tags")
