"""Every badge, and the few kinds of rule they are made of.

Posts count while they are published and not deleted; scores and view
counts are the cached counters on `Post`. Answers count towards a tag
through their question's tags.

One module past the house style's ~400 lines on purpose: it is the
registry's one list, mostly declarations (slug, name, criterion, class),
and reading every badge in one place is what operators and reviewers do;
the rule kinds they share are the few functions at the top.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import User
from deepcommons.posts.models import Comment, Kind, Post, Revision, Status, Vote
from deepcommons.reputation.badges import Badge, BadgeClass, Pair, Per, register
from deepcommons.reputation.models import Bounty, BountyStatus, DailyVisit
from deepcommons.social.models import Follow

GOLD, SILVER, BRONZE = BadgeClass.GOLD, BadgeClass.SILVER, BadgeClass.BRONZE


def live_posts(*kinds: str) -> QuerySet[Post]:
    posts = Post.objects.filter(deleted_at__isnull=True, status=Status.PUBLISHED)
    return posts.filter(kind__in=kinds) if kinds else posts


def live_answers() -> QuerySet[Post]:
    """Answers under live questions."""
    return live_posts(Kind.ANSWER).filter(
        parent__deleted_at__isnull=True, parent__status=Status.PUBLISHED
    )


class CountBadge(Badge):
    """Once: at least `at_least` rows of `rows()` belong to the member (`user_field`)."""

    def __init__(
        self,
        slug: str,
        name: Any,
        description: Any,
        level: str,
        *,
        rows: Callable[[], QuerySet[Any]],
        user_field: str,
        at_least: int = 1,
    ) -> None:
        super().__init__(slug, name, description, level)
        self.rows = rows
        self.user_field = user_field
        self.at_least = at_least

    def qualifying(self) -> Iterable[Pair]:
        rows = self.rows().order_by()
        if self.at_least <= 1:
            ids = rows.values_list(self.user_field, flat=True).distinct()
        else:
            ids = (
                rows.values(self.user_field)
                .annotate(n=Count("pk"))
                .filter(n__gte=self.at_least)
                .values_list(self.user_field, flat=True)
            )
        return {(int(user_id), None) for user_id in ids if user_id is not None}


class PostBadge(Badge):
    """Per post: each post of `posts()` earns its author the badge."""

    per = Per.POST

    def __init__(
        self,
        slug: str,
        name: Any,
        description: Any,
        level: str,
        *,
        posts: Callable[[], QuerySet[Post]],
    ) -> None:
        super().__init__(slug, name, description, level)
        self.posts = posts

    def qualifying(self) -> Iterable[Pair]:
        return set(self.posts().order_by().values_list("author_id", "pk"))


class StreakBadge(Badge):
    """Once: visited the site on `days` consecutive UTC days (DailyVisit)."""

    def __init__(self, slug: str, name: Any, description: Any, level: str, *, days: int) -> None:
        super().__init__(slug, name, description, level)
        self.days = days

    def qualifying(self) -> Iterable[Pair]:
        # Only members with enough visits in all can have a long enough run.
        candidates = (
            DailyVisit.objects.order_by()
            .values("user_id")
            .annotate(n=Count("pk"))
            .filter(n__gte=self.days)
            .values("user_id")
        )
        visits = (
            DailyVisit.objects.filter(user_id__in=candidates)
            .order_by("user_id", "day")
            .values_list("user_id", "day")
        )
        winners: set[Pair] = set()
        current_user, previous, run = None, None, 0
        for user_id, day in visits.iterator(chunk_size=5000):
            if user_id != current_user:
                current_user, run = user_id, 1
            elif previous is not None and day - previous == timedelta(days=1):
                run += 1
            else:
                run = 1
            previous = day
            if run >= self.days:
                winners.add((user_id, None))
        return winners


class FollowersBadge(Badge):
    """Once: followed by at least `at_least` members."""

    def __init__(
        self, slug: str, name: Any, description: Any, level: str, *, at_least: int
    ) -> None:
        super().__init__(slug, name, description, level)
        self.at_least = at_least

    def qualifying(self) -> Iterable[Pair]:
        ids = (
            Follow.objects.filter(content_type=ContentType.objects.get_for_model(User))
            .order_by()
            .values("object_id")
            .annotate(n=Count("pk"))
            .filter(n__gte=self.at_least)
            .values_list("object_id", flat=True)
        )
        return {(int(user_id), None) for user_id in ids}


class TagBadge(Badge):
    """Per tag: total answer score in the tag of at least `score`, over at
    least `answers` answers (their questions' tags)."""

    per = Per.TAG

    def __init__(
        self, slug: str, name: Any, description: Any, level: str, *, score: int, answers: int
    ) -> None:
        super().__init__(slug, name, description, level)
        self.score = score
        self.answers = answers

    def qualifying(self) -> Iterable[Pair]:
        rows = (
            live_answers()
            .filter(parent__tags__isnull=False)
            .order_by()
            .values("author_id", "parent__tags")
            .annotate(total=Sum("score"), n=Count("pk"))
            .filter(total__gte=self.score, n__gte=self.answers)
            .values_list("author_id", "parent__tags")
        )
        return set(rows)


def _posts_where(kind: str, **lookups: int) -> Callable[[], QuerySet[Post]]:
    """Live posts of `kind` (answers: under live questions) matching `lookups`."""

    def posts() -> QuerySet[Post]:
        base = live_answers() if kind == Kind.ANSWER else live_posts(kind)
        return base.filter(**lookups)

    return posts


def _accepted_answers() -> QuerySet[Post]:
    return live_answers().filter(parent__accepted_answer=F("pk"))


def _late_answers() -> QuerySet[Post]:
    return live_answers().filter(
        score__gte=5, created_at__gte=F("parent__created_at") + timedelta(days=60)
    )


def _year_old_members() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        date_joined__lte=timezone.now() - timedelta(days=365),
        reputation__gte=200,
    )


# --- Participation --------------------------------------------------------
register(
    CountBadge(
        "student",
        _("Student"),
        _("Asked a first question."),
        BRONZE,
        rows=lambda: live_posts(Kind.QUESTION),
        user_field="author_id",
    )
)
register(
    CountBadge(
        "teacher",
        _("Teacher"),
        _("Answered a question for the first time."),
        BRONZE,
        rows=live_answers,
        user_field="author_id",
    )
)
register(
    CountBadge(
        "scholar",
        _("Scholar"),
        _("Asked a question and accepted an answer to it."),
        BRONZE,
        rows=lambda: live_posts(Kind.QUESTION).filter(accepted_answer__isnull=False),
        user_field="author_id",
    )
)
register(
    CountBadge(
        "supporter",
        _("Supporter"),
        _("Gave a first upvote or like."),
        BRONZE,
        rows=lambda: Vote.objects.filter(value=1),
        user_field="user_id",
    )
)
register(
    CountBadge(
        "critic",
        _("Critic"),
        _("Gave a first downvote."),
        BRONZE,
        rows=lambda: Vote.objects.filter(value=-1),
        user_field="user_id",
    )
)
register(
    CountBadge(
        "commentator",
        _("Commentator"),
        _("Left a first comment."),
        BRONZE,
        rows=lambda: Comment.objects.filter(deleted_at__isnull=True),
        user_field="author_id",
    )
)
register(
    CountBadge(
        "editor",
        _("Editor"),
        _("Edited a post for the first time."),
        BRONZE,
        rows=lambda: Revision.objects.filter(number__gt=1),
        user_field="author_id",
    )
)
register(
    CountBadge(
        "autobiographer",
        _("Autobiographer"),
        _("Wrote a bio on their profile."),
        BRONZE,
        rows=lambda: User.objects.filter(is_active=True).exclude(bio=""),
        user_field="pk",
    )
)
register(
    CountBadge(
        "curious",
        _("Curious"),
        _("Asked 5 questions with a score of 1 or more."),
        BRONZE,
        rows=lambda: live_posts(Kind.QUESTION).filter(score__gte=1),
        user_field="author_id",
        at_least=5,
    )
)
register(
    CountBadge(
        "civic-duty",
        _("Civic Duty"),
        _("Voted 300 times."),
        SILVER,
        rows=Vote.objects.all,
        user_field="user_id",
        at_least=300,
    )
)
register(
    CountBadge(
        "yearling",
        _("Yearling"),
        _("A member for a year, with at least 200 reputation."),
        SILVER,
        rows=_year_old_members,
        user_field="pk",
    )
)
register(
    StreakBadge(
        "enthusiast",
        _("Enthusiast"),
        _("Visited the site on 30 consecutive days."),
        SILVER,
        days=30,
    )
)
register(
    StreakBadge(
        "fanatic",
        _("Fanatic"),
        _("Visited the site on 100 consecutive days."),
        GOLD,
        days=100,
    )
)

# --- Questions ------------------------------------------------------------
for _slug, _name, _desc, _level, _score in (
    ("nice-question", _("Nice Question"), _("Asked a question with a score of 10."), BRONZE, 10),
    ("good-question", _("Good Question"), _("Asked a question with a score of 25."), SILVER, 25),
    ("great-question", _("Great Question"), _("Asked a question with a score of 100."), GOLD, 100),
):
    register(
        PostBadge(
            _slug,
            _name,
            _desc,
            _level,
            posts=_posts_where(Kind.QUESTION, score__gte=_score),
        )
    )
for _slug, _name, _desc, _level, _views in (
    (
        "popular-question",
        _("Popular Question"),
        _("Asked a question with 1,000 views."),
        BRONZE,
        1000,
    ),
    (
        "notable-question",
        _("Notable Question"),
        _("Asked a question with 2,500 views."),
        SILVER,
        2500,
    ),
    (
        "famous-question",
        _("Famous Question"),
        _("Asked a question with 10,000 views."),
        GOLD,
        10000,
    ),
):
    register(
        PostBadge(
            _slug,
            _name,
            _desc,
            _level,
            posts=_posts_where(Kind.QUESTION, view_count__gte=_views),
        )
    )

# --- Answers --------------------------------------------------------------
for _slug, _name, _desc, _level, _score in (
    ("nice-answer", _("Nice Answer"), _("Answered with a score of 10."), BRONZE, 10),
    ("good-answer", _("Good Answer"), _("Answered with a score of 25."), SILVER, 25),
    ("great-answer", _("Great Answer"), _("Answered with a score of 100."), GOLD, 100),
):
    register(
        PostBadge(
            _slug,
            _name,
            _desc,
            _level,
            posts=_posts_where(Kind.ANSWER, score__gte=_score),
        )
    )
register(
    CountBadge(
        "solid-answerer",
        _("Solid Answerer"),
        _("Posted 10 answers with a score of 5 or more."),
        SILVER,
        rows=lambda: live_answers().filter(score__gte=5),
        user_field="author_id",
        at_least=10,
    )
)
register(
    PostBadge(
        "enlightened",
        _("Enlightened"),
        _("Posted an accepted answer with a score of 10 or more."),
        SILVER,
        posts=lambda: _accepted_answers().filter(score__gte=10),
    )
)
register(
    PostBadge(
        "guru",
        _("Guru"),
        _("Posted an accepted answer with a score of 40 or more."),
        GOLD,
        posts=lambda: _accepted_answers().filter(score__gte=40),
    )
)
register(
    PostBadge(
        "self-learner",
        _("Self-Learner"),
        _("Answered their own question with a score of 3 or more."),
        BRONZE,
        posts=lambda: live_answers().filter(author=F("parent__author"), score__gte=3),
    )
)
register(
    PostBadge(
        "necromancer",
        _("Necromancer"),
        _("Answered a question 60 days or more after it was asked, with a score of 5 or more."),
        SILVER,
        posts=_late_answers,
    )
)

# --- Articles and tutorials -------------------------------------------------
register(
    PostBadge(
        "good-article",
        _("Good Article"),
        _("Published an article with 25 likes."),
        SILVER,
        posts=lambda: live_posts(Kind.ARTICLE).filter(score__gte=25),
    )
)
register(
    PostBadge(
        "great-tutorial",
        _("Great Tutorial"),
        _("Published a tutorial with 100 likes."),
        GOLD,
        posts=lambda: live_posts(Kind.TUTORIAL).filter(score__gte=100),
    )
)
register(
    CountBadge(
        "prolific-writer",
        _("Prolific Writer"),
        _("Published 10 articles."),
        SILVER,
        rows=lambda: live_posts(Kind.ARTICLE),
        user_field="author_id",
        at_least=10,
    )
)

# --- People -----------------------------------------------------------------
register(FollowersBadge("known", _("Known"), _("Followed by 10 members."), BRONZE, at_least=10))
register(
    FollowersBadge(
        "influencer", _("Influencer"), _("Followed by 100 members."), SILVER, at_least=100
    )
)

# --- Bounties ---------------------------------------------------------------
register(
    CountBadge(
        "promoter",
        _("Promoter"),
        _("Offered a first bounty."),
        BRONZE,
        rows=Bounty.objects.all,
        user_field="offered_by_id",
    )
)
register(
    CountBadge(
        "bounty-hunter",
        _("Bounty Hunter"),
        _("Received a bounty for an answer."),
        SILVER,
        rows=lambda: Bounty.objects.filter(
            status=BountyStatus.AWARDED, awarded_answer__isnull=False
        ),
        user_field="awarded_answer__author_id",
    )
)

# --- Tags -------------------------------------------------------------------
register(
    TagBadge(
        "tag-bronze",
        _("Tag bronze"),
        _("Answers in a tag with a total score of 100, over at least 10 answers."),
        BRONZE,
        score=100,
        answers=10,
    )
)
register(
    TagBadge(
        "tag-silver",
        _("Tag silver"),
        _("Answers in a tag with a total score of 400, over at least 40 answers."),
        SILVER,
        score=400,
        answers=40,
    )
)
register(
    TagBadge(
        "tag-gold",
        _("Tag gold"),
        _("Answers in a tag with a total score of 1,000, over at least 100 answers."),
        GOLD,
        score=1000,
        answers=100,
    )
)
