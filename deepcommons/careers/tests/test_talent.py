"""Open to work: who sees it, talent search by evidence, and recruiter contact."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.careers import services
from deepcommons.careers.models import ContactStatus, TalentProfile, TalentVisibility
from deepcommons.careers.tests.factories import add_member, make_org, open_to_work
from deepcommons.orgs.models import OrgRole
from deepcommons.posts import services as post_services
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.social.models import Conversation, Notification
from deepcommons.spaces.tests.factories import TagFactory

pytestmark = pytest.mark.django_db


def test_visibility_rules(alice: User, bob: User) -> None:
    verified = make_org("deepvision-lab")
    other = make_org("shanghai-ml-inc")
    unverified = make_org("garage-ai", verified=False)
    employer = make_org("employer-co")
    add_member(employer, bob, OrgRole.MEMBER)
    open_to_work(bob)
    visible = TalentProfile.objects.visible_to_org
    assert visible(verified).filter(user=bob).exists()
    assert not visible(unverified).exists()
    assert not visible(employer).exists()  # hidden from the current employer
    open_to_work(bob, visibility=TalentVisibility.CHOSEN, allowed_orgs=[other])
    assert not visible(verified).exists()
    assert visible(other).filter(user=bob).exists()
    open_to_work(bob, open_to_work=False)
    assert not visible(other).exists()
    with pytest.raises(ValidationError):
        open_to_work(bob, visibility=TalentVisibility.CHOSEN, allowed_orgs=[unverified])
    with pytest.raises(ValidationError):
        open_to_work(bob, visibility=TalentVisibility.CHOSEN, allowed_orgs=[])
    with pytest.raises(ValidationError):
        open_to_work(bob, salary_currency="ZZZ")


def test_search_ranks_by_answer_score_in_the_skills(alice: User, alice_client: Client) -> None:
    org = make_org()
    add_member(org, alice)
    TagFactory.create(name="pytorch")
    strong, weak, unrelated = (UserFactory.create(username=n) for n in ("strong", "weak", "other"))
    question = make_question(author=alice, tags="pytorch")
    good = make_answer(question, author=strong)
    make_answer(question, author=weak)
    for voter in UserFactory.create_batch(3):
        post_services.vote(post=good, user=voter, value=1)
    for user in (strong, weak, unrelated):
        open_to_work(user)
    html = alice_client.get(reverse("careers:talent-search") + "?skills=pytorch").content.decode()
    assert html.index("strong") < html.index("weak")
    assert ">other<" not in html and "/talent/u/other/" not in html
    assert "score 3 over 1 answer" in html
    assert "777,123" in html  # the salary expectation, for a verified recruiter


def test_contact_accept_opens_a_conversation(alice: User, bob: User) -> None:
    org = make_org()
    add_member(org, alice)
    open_to_work(bob)
    contact = services.contact_member(org=org, recruiter=alice, member=bob, message="Chat?")
    assert Notification.objects.filter(recipient=bob, kind="recruiter_contact").exists()
    with pytest.raises(ValidationError, match="already waiting"):
        services.contact_member(org=org, recruiter=alice, member=bob, message="Again?")
    services.answer_contact(contact=contact, member=bob, accept=True)
    assert contact.status == ContactStatus.ACCEPTED
    conversation = Conversation.objects.get()
    assert set(conversation.participants.values_list("user_id", flat=True)) == {alice.pk, bob.pk}
    answer = Notification.objects.get(recipient=alice, kind="recruiter_contact_answer")
    assert answer.data["accepted"] is True
    assert bob.email not in str(answer.data)
    with pytest.raises(ValidationError):
        services.answer_contact(contact=contact, member=bob, accept=False)


def test_contact_decline_and_refusals(alice: User, bob: User, charlie: User) -> None:
    org = make_org()
    add_member(org, alice)
    with pytest.raises(PermissionDenied):  # bob is not open to work
        services.contact_member(org=org, recruiter=alice, member=bob, message="Hi")
    open_to_work(bob)
    with pytest.raises(PermissionDenied):  # charlie is no recruiter
        services.contact_member(org=org, recruiter=charlie, member=bob, message="Hi")
    contact = services.contact_member(org=org, recruiter=alice, member=bob, message="Hi")
    with pytest.raises(PermissionDenied):
        services.answer_contact(contact=contact, member=charlie, accept=True)
    services.answer_contact(contact=contact, member=bob, accept=False)
    assert contact.status == ContactStatus.DECLINED
    assert not Conversation.objects.exists()
    assert (
        Notification.objects.get(recipient=alice, kind="recruiter_contact_answer").data["accepted"]
        is False
    )


def test_contact_pages(alice: User, bob: User, alice_client: Client, bob_client: Client) -> None:
    org = make_org()
    add_member(org, alice)
    open_to_work(bob)
    url = reverse("careers:talent-detail", args=["bob"]) + f"?org={org.slug}"
    assert alice_client.post(url, {"message": ""}).status_code == 400
    alice_client.post(url, {"message": "Would you talk to us?", "org": org.slug})
    inbox = bob_client.get(reverse("careers:contact-list")).content.decode()
    assert "Would you talk to us?" in inbox
    pending = bob.recruiter_contacts.get()
    response = bob_client.post(
        reverse("careers:contact-answer", args=[pending.pk]), {"answer": "accept"}
    )
    pending.refresh_from_db()
    assert response["Location"] == pending.conversation.get_absolute_url()
    assert (
        alice_client.post(
            reverse("careers:contact-answer", args=[pending.pk]), {"answer": "accept"}
        ).status_code
        == 404
    )


def test_the_settings_page_saves_preferences(bob_client: Client, bob: User) -> None:
    url = reverse("careers:talent-settings")
    assert bob_client.get(url).status_code == 200
    response = bob_client.post(
        url,
        {
            "open_to_work": "on",
            "roles": ["ml_engineer"],
            "availability": "1m",
            "visibility": "all",
            "salary_expectation": "100",
        },
    )
    assert response.status_code == 400  # a salary needs its currency
    assert "Choose the salary" in response.content.decode()
    data = {
        "open_to_work": "on",
        "roles": ["ml_engineer"],
        "availability": "1m",
        "visibility": "all",
    }
    assert bob_client.post(url, data).status_code == 302
    assert TalentProfile.objects.get(user=bob).open_to_work
