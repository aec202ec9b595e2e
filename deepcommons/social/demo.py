"""Demo private messages, so `make run` shows the conversation list with its
people and previews: li_wei (the login the demo prints) is in a one-to-one
conversation in Chinese and a titled group in English."""

from __future__ import annotations

from typing import Any

from deepcommons.accounts.models import User
from deepcommons.social import services
from deepcommons.social.models import Participant

# (starter, others, title, messages as (sender, body)), oldest first.
CONVERSATIONS: list[tuple[str, list[str], str, list[tuple[str, str]]]] = [
    (
        "zhang_min",
        ["li_wei"],
        "",
        [
            ("zhang_min", "你好！你上次说的混合精度训练，loss 变成 NaN 的问题解决了吗？"),
            ("li_wei", "解决了，把 warmup 调长一点，再开 GradScaler 就好了。"),
            ("zhang_min", "太好了，能把配置发我看看吗？"),
        ],
    ),
    (
        "fei_fei",
        ["li_wei", "andrej_k"],
        "Reading group: attention papers",
        [
            ("fei_fei", "Shall we read *Attention Is All You Need* again on Thursday?"),
            ("andrej_k", "Yes, and FlashAttention right after it."),
            ("li_wei", "I'll bring notes on the memory bandwidth section."),
        ],
    ),
]


def build(stdout: Any) -> None:
    members = User.objects.active().in_bulk(
        {name for convo in CONVERSATIONS for name in [convo[0], *convo[1]]}, field_name="username"
    )
    made = 0
    for starter, others, title, messages in CONVERSATIONS:
        if any(name not in members for name in [starter, *others]):
            continue
        people = [members[name] for name in [starter, *others]]
        # A rebuild (demo --force) leaves a conversation the starter already has.
        if (
            Participant.objects.for_user(people[0])
            .filter(conversation__title=title, conversation__messages__body=messages[0][1])
            .exists()
        ):
            continue
        (sender, body), *rest = messages
        conversation = services.start_conversation(
            starter=members[sender], recipients=people[1:], body=body, title=title
        )
        for sender, body in rest:
            services.send_message(conversation=conversation, sender=members[sender], body=body)
        made += 1
    stdout.write(f"  {made} conversations")
