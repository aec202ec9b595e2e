"""Pages enforce the same privileges as the services and say why a button is
disabled (a tooltip and visible text), as the author, another member, a
member with enough reputation and a moderator; and show closed, locked and
merged questions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from deepcommons.accounts import privileges
from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import CloseReason, Post, SuggestedEdit
from deepcommons.posts.tests.factories import make_answer, make_question, make_site_moderator
from deepcommons.spaces.models import Tag

pytestmark = [pytest.mark.django_db, pytest.mark.real_privileges]

UPVOTE_WHY = "You need 15 reputation to vote up (you have 1)."
COMMENT_WHY = "You need 50 reputation to comment on others&#x27; posts (you have 1)."


@pytest.fixture(autouse=True)
def _pytorch_tag(db: None) -> None:
    Tag.objects.create(name="pytorch")


def _with_reputation(user: User, amount: int) -> User:
    User.objects.filter(pk=user.pk).update(reputation=amount)
    return User.objects.get(pk=user.pk)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client: Client, post: Post) -> str:
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_member_sees_disabled_vote_and_comment_buttons_with_the_reason(
    alice: User, bob_client: Client
) -> None:
    question = make_question(author=alice)
    html = _page(bob_client, question)
    assert f'disabled title="{UPVOTE_WHY}"' in html
    assert f'<p class="vote-why small muted" id="vote-why-{question.pk}">{UPVOTE_WHY}</p>' in html
    assert f'title="{COMMENT_WHY}"' in html and f">{COMMENT_WHY}</span>" in html
    assert "Suggest an edit" in html


def test_the_reason_is_translated(alice: User, bob_client: Client) -> None:
    question = make_question(author=alice)
    response = bob_client.get(question.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    with translation.override("zh-hans"):
        expected = escape(privileges.refusal("upvote", reputation=1))
    assert 'lang="zh-Hans"' in html and f'disabled title="{expected}"' in html


def test_the_author_comments_on_their_own_question_and_sees_no_vote_buttons(
    alice: User, alice_client: Client
) -> None:
    question = make_question(author=alice)
    html = _page(alice_client, question)
    assert "vote-why" not in html and COMMENT_WHY not in html
    assert f'action="{reverse("posts:comment-create", args=[question.pk])}"' in html


def test_a_member_with_enough_reputation_gets_live_buttons_and_the_split(
    alice: User, bob: User
) -> None:
    question = make_question(author=alice)
    html = _page(_client(_with_reputation(bob, 1000)), question)
    assert "vote-why" not in html and "disabled title" not in html
    assert 'class="vote-split small muted"' in html


def test_a_moderator_gets_live_buttons_and_the_split(alice: User) -> None:
    question = make_question(author=alice)
    html = _page(_client(make_site_moderator()), question)
    assert "vote-why" not in html and "vote-split" in html


def test_a_refused_vote_shows_the_message_on_the_page(alice: User, bob_client: Client) -> None:
    question = make_question(author=alice)
    url = reverse("posts:post-vote", args=[question.pk])
    response = bob_client.post(url, {"value": "1"}, follow=True)
    assert UPVOTE_WHY in response.content.decode()
    htmx = bob_client.post(url, {"value": "1"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 403 and htmx.content.decode() == UPVOTE_WHY
    assert Post.objects.get(pk=question.pk).score == 0


def test_a_refused_comment_keeps_the_text_and_says_why(alice: User, bob_client: Client) -> None:
    question = make_question(author=alice)
    url = reverse("posts:comment-create", args=[question.pk])
    response = bob_client.post(url, {"body": "Which optimizer do you use?"})
    html = response.content.decode()
    assert response.status_code == 400
    assert COMMENT_WHY in html and "Which optimizer do you use?" in html


def test_anonymous_visitors_see_the_score_without_buttons(alice: User, client: Client) -> None:
    html = _page(client, make_question(author=alice))
    assert "vote-why" not in html and "vote-split" not in html


# --- closed, locked, merged ------------------------------------------------


def test_a_closed_duplicate_replaces_the_answer_form_with_a_notice(
    alice: User, bob_client: Client
) -> None:
    original = make_question(author=alice, title="How do I choose a batch size?")
    copy = make_question(author=alice, title="Best batch size?")
    services.close_post(
        post=copy, reason=CloseReason.DUPLICATE, by=make_site_moderator(), duplicate_of=original
    )
    html = _page(bob_client, copy)
    assert "takes no new answers" in html
    assert f'href="{original.get_absolute_url()}">How do I choose a batch size?</a>' in html
    assert reverse("posts:answer-create", args=[copy.pk]) not in html
    zh = bob_client.get(copy.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "How do I choose a batch size?" in zh
    response = bob_client.post(reverse("posts:answer-create", args=[copy.pk]), {"body": "Use 32."})
    assert response.status_code == 400 and "closed" in response.content.decode()
    assert Post.objects.get(pk=copy.pk).answer_count == 0


def test_a_locked_question_says_so_and_hides_the_answer_form(
    alice: User, alice_client: Client
) -> None:
    question = make_question(author=alice)
    services.lock_post(post=question, by=make_site_moderator())
    html = _page(alice_client, question)
    assert "This post is locked" in html
    assert reverse("posts:answer-create", args=[question.pk]) not in html


def test_a_merged_question_redirects_permanently_to_its_target(
    alice: User, bob: User, client: Client
) -> None:
    target = make_question(author=alice, title="Target")
    source = make_question(author=bob, title="Source")
    make_answer(source, author=alice)
    services.merge_questions(source=source, target=target, by=make_site_moderator())
    response = client.get(source.get_absolute_url())
    assert response.status_code == 301 and response["Location"] == target.get_absolute_url()


# --- suggested edits --------------------------------------------------------


def test_a_member_suggests_an_edit_and_a_reviewer_approves_it_from_the_question(
    alice: User, bob: User, bob_client: Client, alice_client: Client
) -> None:
    question = make_question(author=alice)
    edit_url = reverse("posts:post-edit", args=[question.pk])
    form = bob_client.get(edit_url)
    assert form.status_code == 200 and "You are suggesting an edit" in form.content.decode()
    data = {"title": question.title, "body": "A clearer body.", "tags": "pytorch"}
    response = bob_client.post(edit_url, {**data, "edit_comment": "Clarity"}, follow=True)
    assert "Your edit will be reviewed" in response.content.decode()
    assert Post.objects.get(pk=question.pk).body == question.body
    again = bob_client.post(edit_url, {**data, "body": "Another."})
    assert again.status_code == 400 and "waiting for review" in again.content.decode()

    edit = SuggestedEdit.objects.get()
    assert "suggested edit pending" not in _page(alice_client, question)  # rep 1, not a reviewer
    reviewer = _client(_with_reputation(alice, 2000))
    assert "1 suggested edit pending" in _page(reviewer, question)
    detail = reviewer.get(reverse("posts:suggested-edit-detail", args=[edit.pk]))
    assert detail.status_code == 200 and "A clearer body." in detail.content.decode()
    assert (
        _client(User.objects.create_user("eve", "e@example.com", "pw-123456789"))
        .get(reverse("posts:suggested-edit-detail", args=[edit.pk]))
        .status_code
        == 404
    )
    reviewer.post(reverse("posts:suggested-edit-review", args=[edit.pk]), {"action": "approve"})
    assert Post.objects.get(pk=question.pk).body == "A clearer body."
    assert User.objects.get(pk=bob.pk).reputation == 3


def test_a_reviewer_rejects_with_a_reason(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    edit = services.suggest_edit(
        post=question,
        by=bob,
        data=services.PostInput(title=question.title, body="Worse.", tags="pytorch"),
    )
    moderator = _client(make_site_moderator())
    moderator.post(
        reverse("posts:suggested-edit-review", args=[edit.pk]),
        {"action": "reject", "reason": "Changes the meaning"},
    )
    edit.refresh_from_db()
    assert edit.status == "rejected" and edit.review_note == "Changes the meaning"


def test_a_member_with_2000_edits_directly(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    editor = _client(_with_reputation(bob, 2000))
    edit_url = reverse("posts:post-edit", args=[question.pk])
    assert "You are suggesting" not in editor.get(edit_url).content.decode()
    editor.post(edit_url, {"title": question.title, "body": "Direct.", "tags": "pytorch"})
    assert Post.objects.get(pk=question.pk).body == "Direct."
    assert not SuggestedEdit.objects.exists()
