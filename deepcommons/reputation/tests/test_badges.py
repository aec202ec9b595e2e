"""Every badge in the registry: data that qualifies, and data just below the line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts.models import Comment, Kind, Post, Revision, Vote
from deepcommons.posts.tests.factories import make_answer, make_post, make_question
from deepcommons.reputation.badges import BadgeClass, Per, all_badges, get_badge
from deepcommons.reputation.models import Bounty, BountyStatus, DailyVisit
from deepcommons.social.models import Follow
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tags(db: None) -> None:
    """The tags the posts use exist already: creating one is a privilege."""
    from deepcommons.spaces.models import Tag as _Tag

    for name in ("pytorch", "cuda"):
        _Tag.objects.get_or_create(name=name)


# A setup builds data for `winner` that meets the badge's line and for
# `loser` just below it; it returns the post or tag id the winner's award is
# for (None for once-only badges).
Setup = Callable[[User, User], "int | None"]
SETUPS: dict[str, Setup] = {}


def setup(slug: str) -> Callable[[Setup], Setup]:
    def register(fn: Setup) -> Setup:
        SETUPS[slug] = fn
        return fn

    return register


def scored(post: Post, score: int, **extra: object) -> Post:
    Post.objects.filter(pk=post.pk).update(score=score, **extra)
    post.refresh_from_db()
    return post


def bulk_posts(
    author: User, n: int, *, kind: str = Kind.QUESTION, parent: Post | None = None, score: int = 0
) -> list[Post]:
    return Post.objects.bulk_create(
        Post(
            kind=kind,
            author=author,
            parent=parent,
            title="" if parent else f"Post {i}",
            body="Body.",
            score=score,
        )
        for i in range(n)
    )


@setup("student")
def _student(winner: User, loser: User) -> None:
    make_question(author=winner)
    question = make_question(author=loser)
    Post.objects.filter(pk=question.pk).update(deleted_at=timezone.now())


@setup("teacher")
def _teacher(winner: User, loser: User) -> None:
    question = make_question()
    make_answer(question, author=winner)
    Post.objects.filter(pk=make_answer(question, author=loser).pk).update(deleted_at=timezone.now())


@setup("scholar")
def _scholar(winner: User, loser: User) -> None:
    question = make_question(author=winner)
    Post.objects.filter(pk=question.pk).update(accepted_answer=make_answer(question))
    other = make_question(author=loser)
    make_answer(other)


@setup("supporter")
def _supporter(winner: User, loser: User) -> None:
    post = make_question()
    Vote.objects.create(user=winner, post=post, value=1)
    Vote.objects.create(user=loser, post=post, value=-1)


@setup("critic")
def _critic(winner: User, loser: User) -> None:
    post = make_question()
    Vote.objects.create(user=winner, post=post, value=-1)
    Vote.objects.create(user=loser, post=post, value=1)


@setup("commentator")
def _commentator(winner: User, loser: User) -> None:
    post = make_question()
    Comment.objects.create(post=post, author=winner, body="Hi.")
    Comment.objects.create(post=post, author=loser, body="Hi.", deleted_at=timezone.now())


@setup("editor")
def _editor(winner: User, loser: User) -> None:
    post = make_question(author=loser)  # revision 1 only: writing is not editing
    Revision.objects.create(post=post, number=2, author=winner, body="Better.")


@setup("autobiographer")
def _autobiographer(winner: User, loser: User) -> None:
    User.objects.filter(pk=winner.pk).update(bio="I train models.")
    User.objects.filter(pk=loser.pk).update(bio="")


@setup("curious")
def _curious(winner: User, loser: User) -> None:
    bulk_posts(winner, 5, score=1)
    bulk_posts(loser, 4, score=1)
    bulk_posts(loser, 3, score=0)


@setup("civic-duty")
def _civic_duty(winner: User, loser: User) -> None:
    posts = bulk_posts(UserFactory.create(), 300)
    Vote.objects.bulk_create(Vote(user=winner, post=p, value=1) for p in posts)
    Vote.objects.bulk_create(Vote(user=loser, post=p, value=1) for p in posts[:299])


@setup("yearling")
def _yearling(winner: User, loser: User) -> None:
    old = timezone.now() - timedelta(days=366)
    User.objects.filter(pk=winner.pk).update(date_joined=old, reputation=200)
    User.objects.filter(pk=loser.pk).update(date_joined=old, reputation=199)


def _visits(user: User, days: int, *, gap_at: int | None = None) -> None:
    today = timezone.now().date()
    DailyVisit.objects.bulk_create(
        DailyVisit(user=user, day=today - timedelta(days=i)) for i in range(days) if i != gap_at
    )


@setup("enthusiast")
def _enthusiast(winner: User, loser: User) -> None:
    _visits(winner, 30)
    _visits(loser, 31, gap_at=15)  # 30 visits, never 30 in a row


@setup("fanatic")
def _fanatic(winner: User, loser: User) -> None:
    _visits(winner, 100)
    _visits(loser, 150, gap_at=99)


def _question_score(line: int) -> Setup:
    def build(winner: User, loser: User) -> int:
        scored(make_question(author=loser), line - 1)
        return scored(make_question(author=winner), line).pk

    return build


def _question_views(line: int) -> Setup:
    def build(winner: User, loser: User) -> int:
        Post.objects.filter(pk=make_question(author=loser).pk).update(view_count=line - 1)
        post = make_question(author=winner)
        Post.objects.filter(pk=post.pk).update(view_count=line)
        return post.pk

    return build


def _answer_score(line: int) -> Setup:
    def build(winner: User, loser: User) -> int:
        question = make_question()
        scored(make_answer(question, author=loser), line - 1)
        return scored(make_answer(question, author=winner), line).pk

    return build


for _slug, _line in (("nice-question", 10), ("good-question", 25), ("great-question", 100)):
    SETUPS[_slug] = _question_score(_line)
for _slug, _line in (
    ("popular-question", 1000),
    ("notable-question", 2500),
    ("famous-question", 10000),
):
    SETUPS[_slug] = _question_views(_line)
for _slug, _line in (("nice-answer", 10), ("good-answer", 25), ("great-answer", 100)):
    SETUPS[_slug] = _answer_score(_line)


@setup("solid-answerer")
def _solid_answerer(winner: User, loser: User) -> None:
    question = make_question()
    bulk_posts(winner, 10, kind=Kind.ANSWER, parent=question, score=5)
    bulk_posts(loser, 9, kind=Kind.ANSWER, parent=question, score=5)
    bulk_posts(loser, 1, kind=Kind.ANSWER, parent=question, score=4)


def _accepted(line: int) -> Setup:
    def build(winner: User, loser: User) -> int:
        won = make_answer(make_question(), author=winner)
        Post.objects.filter(pk=won.parent_id).update(accepted_answer=won)
        scored(won, line)
        lost = make_answer(make_question(), author=loser)
        Post.objects.filter(pk=lost.parent_id).update(accepted_answer=lost)
        scored(lost, line - 1)
        # Not accepted, however high: not this badge.
        scored(make_answer(make_question(), author=loser), line + 50)
        return won.pk

    return build


SETUPS["enlightened"] = _accepted(10)
SETUPS["guru"] = _accepted(40)


@setup("self-learner")
def _self_learner(winner: User, loser: User) -> int:
    scored(make_answer(make_question(author=loser), author=loser), 2)
    scored(make_answer(make_question(), author=loser), 10)  # not their own question
    return scored(make_answer(make_question(author=winner), author=winner), 3).pk


@setup("necromancer")
def _necromancer(winner: User, loser: User) -> int:
    old = make_question()
    Post.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=61))
    young = make_question()
    Post.objects.filter(pk=young.pk).update(created_at=timezone.now() - timedelta(days=59))
    scored(make_answer(young, author=loser), 20)
    scored(make_answer(old, author=loser), 4)
    return scored(make_answer(old, author=winner), 5).pk


def _liked(kind: str, line: int) -> Setup:
    def build(winner: User, loser: User) -> int:
        extra = {"summary": "A summary."}
        scored(make_post(kind, author=loser, **extra), line - 1)
        return scored(make_post(kind, author=winner, **extra), line).pk

    return build


SETUPS["good-article"] = _liked(Kind.ARTICLE, 25)
SETUPS["great-tutorial"] = _liked(Kind.TUTORIAL, 100)


@setup("prolific-writer")
def _prolific_writer(winner: User, loser: User) -> None:
    bulk_posts(winner, 10, kind=Kind.ARTICLE)
    bulk_posts(loser, 9, kind=Kind.ARTICLE)
    bulk_posts(loser, 5, kind=Kind.TUTORIAL)


def _followed(line: int) -> Setup:
    def build(winner: User, loser: User) -> None:
        fans = User.objects.bulk_create(User(username=f"fan{i}") for i in range(line))
        ct = ContentType.objects.get_for_model(User)
        Follow.objects.bulk_create(
            Follow(user=f, content_type=ct, object_id=winner.pk) for f in fans
        )
        Follow.objects.bulk_create(
            Follow(user=f, content_type=ct, object_id=loser.pk) for f in fans[1:]
        )

    return build


SETUPS["known"] = _followed(10)
SETUPS["influencer"] = _followed(100)


def _bounty(question: Post, by: User, **extra: object) -> Bounty:
    return Bounty.objects.create(
        question=question,
        offered_by=by,
        amount=50,
        ends_at=timezone.now() + timedelta(days=7),
        **extra,
    )


@setup("promoter")
def _promoter(winner: User, loser: User) -> None:
    _bounty(make_question(author=loser), winner)


@setup("bounty-hunter")
def _bounty_hunter(winner: User, loser: User) -> None:
    question = make_question()
    won = make_answer(question, author=winner)
    make_answer(question, author=loser)
    _bounty(question, question.author, status=BountyStatus.AWARDED, awarded_answer=won)
    _bounty(make_question(), question.author)  # open: nobody received it


def _tag(score: int, answers: int) -> Setup:
    def build(winner: User, loser: User) -> int:
        question = make_question(tags="pytorch")
        per_answer = -(-score // answers)
        bulk_posts(winner, answers, kind=Kind.ANSWER, parent=question, score=per_answer)
        # Enough score, one answer short.
        bulk_posts(loser, answers - 1, kind=Kind.ANSWER, parent=question, score=score)
        # Enough answers in another tag's question do not count here.
        other = make_question(tags="cuda")
        bulk_posts(loser, 1, kind=Kind.ANSWER, parent=other, score=1)
        return Tag.objects.get(name="pytorch").pk

    return build


SETUPS["tag-bronze"] = _tag(100, 10)
SETUPS["tag-silver"] = _tag(400, 40)
SETUPS["tag-gold"] = _tag(1000, 100)


@setup("path-completed")
def _path_completed(winner: User, loser: User) -> None:
    from deepcommons.learning.tests.factories import badge_setup

    badge_setup(winner, loser)


def test_there_are_at_least_25_badges_in_all_three_classes() -> None:
    badges = all_badges()
    assert len(badges) >= 25
    assert {b.level for b in badges} == set(BadgeClass)
    assert len({b.slug for b in badges}) == len(badges)
    assert all(str(b.description).endswith(".") for b in badges)


def test_every_badge_has_a_test() -> None:
    assert {b.slug for b in all_badges()} == set(SETUPS)


def test_gold_comes_before_silver_and_bronze() -> None:
    levels = [b.level for b in all_badges()]
    assert levels == sorted(
        levels, key=[BadgeClass.GOLD, BadgeClass.SILVER, BadgeClass.BRONZE].index
    )


@pytest.mark.parametrize("slug", sorted(SETUPS))
def test_badge_goes_to_the_member_over_the_line_and_not_the_one_just_below(slug: str) -> None:
    badge = get_badge(slug)
    assert badge is not None
    winner, loser = UserFactory.create(), UserFactory.create()
    obj = SETUPS[slug](winner, loser)
    pairs = set(badge.qualifying())
    expected = None if badge.per == Per.ONCE else obj
    assert (winner.pk, expected) in pairs
    assert not [pair for pair in pairs if pair[0] == loser.pk]
