"""How reputation is earned: the one table of amounts.

Defaults follow Stack Overflow. Operators change any of them with the
`REPUTATION_RULES` setting (a JSON object in the environment variable of
the same name), e.g. `REPUTATION_RULES='{"answer_upvoted": 5}'`; unknown
keys are refused at start-up by `rules()`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Rules:
    question_upvoted: int = 10
    answer_upvoted: int = 10
    # Articles and tutorials take likes; a like is worth an upvote.
    article_liked: int = 10
    # Discussions and their replies: a like is a small thanks.
    discussion_liked: int = 2
    downvoted: int = -2
    # What the voter pays for downvoting an answer (questions are free).
    answer_downvote_cost: int = -1
    answer_accepted: int = 15
    accept_given: int = 2
    edit_approved: int = 2
    # Most a member gains in one UTC day from votes and approved edits.
    daily_cap: int = 200
    bounty_min: int = 50
    bounty_max: int = 500
    bounty_days: int = 7
    # After a bounty ends, the asker has this long to award it by hand
    # before it goes to the top answer automatically.
    bounty_grace_hours: int = 24
    bounty_auto_min_score: int = 2


def rules() -> Rules:
    overrides = dict(getattr(settings, "REPUTATION_RULES", {}) or {})
    known = {field.name for field in dataclasses.fields(Rules)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise ImproperlyConfigured(f"Unknown REPUTATION_RULES keys: {', '.join(unknown)}")
    return Rules(**{name: int(value) for name, value in overrides.items()})


def upvote_amount(kind: str) -> int:
    """What an upvote (or like) on a post of `kind` earns its author."""
    table = rules()
    return {
        "question": table.question_upvoted,
        "answer": table.answer_upvoted,
        "article": table.article_liked,
        "tutorial": table.article_liked,
        "discussion": table.discussion_liked,
        "reply": table.discussion_liked,
    }.get(kind, 0)
