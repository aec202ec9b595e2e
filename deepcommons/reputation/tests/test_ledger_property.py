"""Property: over any sequence of votes, accepts, undos, deletions and
restores, the cached totals equal the ledger, and both equal what the final
state of the posts says each member has earned."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post, Vote
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.reputation.rules import rules, upvote_amount
from deepcommons.reputation.services import find_differences

pytestmark = pytest.mark.django_db

MEMBERS = 4
# Kept short enough that no one can reach the daily cap (20 upvotes), so the
# expected totals follow from the final state alone.
ACTIONS = st.lists(
    st.one_of(
        st.tuples(
            st.just("vote"),
            st.integers(0, 3),
            st.integers(0, MEMBERS - 1),
            st.sampled_from([1, -1, 0]),
        ),
        st.tuples(st.just("accept"), st.integers(1, 3), st.just(0), st.just(0)),
        st.tuples(st.just("unaccept"), st.just(0), st.just(0), st.just(0)),
        st.tuples(st.just("delete"), st.integers(0, 3), st.just(0), st.just(0)),
        st.tuples(st.just("restore"), st.integers(0, 3), st.just(0), st.just(0)),
    ),
    max_size=15,
)


def _expected(members: list[User], posts: list[Post]) -> dict[int, int]:
    table = rules()
    totals = {member.pk: 1 for member in members}
    live = {post.pk: post for post in Post.objects.filter(pk__in=[p.pk for p in posts])}
    for vote in Vote.objects.filter(post__in=[p.pk for p in posts]):
        post = live[vote.post_id]
        if post.is_deleted:
            continue
        if vote.value == 1:
            totals[post.author_id] += upvote_amount(post.kind)
        else:
            totals[post.author_id] += table.downvoted
            if post.kind == Kind.ANSWER:
                totals[vote.user_id] += table.answer_downvote_cost
    question = live[posts[0].pk]
    if question.accepted_answer_id:
        answer = live[question.accepted_answer_id]
        if not answer.is_deleted and answer.author_id != question.author_id:
            totals[answer.author_id] += table.answer_accepted
            totals[question.author_id] += table.accept_given
    return totals


def _run(action: tuple[str, int, int, int], members: list[User], posts: list[Post]) -> None:
    verb, index, who, value = action
    post = Post.objects.get(pk=posts[index].pk)
    question = Post.objects.get(pk=posts[0].pk)
    try:
        if verb == "vote":
            services.vote(post=post, user=members[who], value=value)
        elif verb == "accept":
            services.accept_answer(answer=post, by=members[0])
        elif verb == "unaccept":
            services.unaccept_answer(question=question, by=members[0])
        elif verb == "delete":
            services.delete_post(post=post, by=post.author)
        elif verb == "restore":
            services.undelete_post(post=post, by=post.author)
    except Exception as error:  # refused actions (own post, deleted post) change nothing
        assert type(error).__name__ in {"PermissionDenied", "ValidationError"}, error


# Sequences that once broke a ledger are always tried, before random ones.
@example(actions=[("vote", 0, 1, 1), ("delete", 0, 0, 0), ("restore", 0, 0, 0)])
@example(
    actions=[("accept", 1, 0, 0), ("accept", 2, 0, 0), ("delete", 2, 0, 0), ("unaccept", 0, 0, 0)]
)
@example(actions=[("vote", 1, 2, -1), ("vote", 1, 2, 1), ("delete", 1, 0, 0), ("vote", 1, 2, 0)])
@example(
    actions=[("accept", 1, 0, 0), ("delete", 1, 0, 0), ("restore", 1, 0, 0), ("unaccept", 0, 0, 0)]
)
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
def test_cached_totals_equal_the_ledger_and_the_final_state(actions: Any) -> None:
    members = UserFactory.create_batch(MEMBERS)
    question = make_question(author=members[0])
    posts = [question] + [make_answer(question, author=members[i]) for i in (1, 2, 0)]
    for action in actions:
        _run(action, members, posts)
    assert find_differences() == []
    cached = dict(
        User.objects.filter(pk__in=[m.pk for m in members]).values_list("pk", "reputation")
    )
    assert cached == _expected(members, posts)
