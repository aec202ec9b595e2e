"""Editing a tag's wiki on the site: moderators only, Markdown through the
sanitiser, every edit a revision, bad input shown again with its text."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.sites import site
from django.test import Client, RequestFactory
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.spaces import services
from deepcommons.spaces.admin import TagAdmin
from deepcommons.spaces.models import Space, Tag, TagWikiRevision
from deepcommons.spaces.tests.factories import SpaceFactory, TagFactory

URL = reverse("spaces:tag-wiki-edit", kwargs={"tag_name": "pytorch"})


@pytest.fixture
def pytorch(alice: User, charlie: User) -> Tag:
    """alice moderates the site; charlie moderates a space only; bob is a member."""
    set_role(user=alice, role="moderator")
    space: Space = SpaceFactory(slug="cv")
    space.moderators.add(charlie)
    return TagFactory(name="pytorch")


def test_site_moderator_edits_the_wiki_and_it_renders(alice_client: Client, pytorch: Tag) -> None:
    page = alice_client.get(URL)
    assert page.status_code == 200
    response = alice_client.post(
        URL,
        {"description": "The tensor  library.", "wiki": "Use **autograd**.", "note": "start"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("spaces:tag-about", kwargs={"tag_name": "pytorch"})
    pytorch.refresh_from_db()
    assert pytorch.description == "The tensor library."
    assert pytorch.wiki_html == "<p>Use <strong>autograd</strong>.</p>\n"
    revision = pytorch.wiki_revisions.get()
    assert (revision.number, revision.author.username, revision.note) == (1, "alice", "start")
    # The tag's post list shows the rendered wiki.
    assert "<strong>autograd</strong>" in Client().get("/tags/pytorch/").content.decode()


def test_member_and_space_moderator_get_403_and_anonymous_logs_in(
    bob_client: Client, charlie_client: Client, client: Client, pytorch: Tag
) -> None:
    for other in (bob_client, charlie_client):
        assert other.get(URL).status_code == 403
        assert other.post(URL, {"description": "", "wiki": "mine"}).status_code == 403
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(URL, {"wiki": "mine"}).status_code == 302
    pytorch.refresh_from_db()
    assert pytorch.wiki == "" and not TagWikiRevision.objects.exists()


def test_unknown_tag_and_synonym_name_are_404_for_the_form(
    alice_client: Client, pytorch: Tag
) -> None:
    services.add_tag_synonym(tag=pytorch, name="torch", by=User.objects.get(username="alice"))
    for name in ("nope", "torch", "PyTorch"):
        url = reverse("spaces:tag-wiki-edit", kwargs={"tag_name": name})
        assert alice_client.get(url).status_code == 404


def test_hostile_markdown_comes_out_sanitised(alice_client: Client, pytorch: Tag) -> None:
    hostile = (
        "<script>alert(1)</script>\n\n[x](javascript:alert(2))\n\n"
        '<img src=x onerror="alert(3)">\n\n<iframe src="https://evil.example"></iframe>'
    )
    alice_client.post(URL, {"description": "<b>bold</b>", "wiki": hostile})
    pytorch.refresh_from_db()
    # Raw HTML stays visible as text; nothing of it is live markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pytorch.wiki_html
    for url in ("/tags/pytorch/", reverse("spaces:tag-about", kwargs={"tag_name": "pytorch"})):
        html = Client().get(url).content.decode()
        assert "<script>alert" not in html and "<iframe" not in html
        assert 'href="javascript' not in html
        assert re.search(r"<img[^>]*onerror", html) is None
        # The excerpt is plain text, escaped.
        assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_too_long_text_is_shown_again_with_messages(alice_client: Client, pytorch: Tag) -> None:
    long_excerpt = "e" * 301
    wiki = "My careful wiki text. " + "w" * 40_000
    response = alice_client.post(URL, {"description": long_excerpt, "wiki": wiki, "note": "n"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The excerpt is 301 characters long; the limit is 300." in html
    assert "The wiki is 40022 characters long; the limit is 40000." in html
    assert long_excerpt in html and "My careful wiki text. www" in html
    assert not TagWikiRevision.objects.exists()


def test_saving_the_same_text_again_is_refused(alice_client: Client, pytorch: Tag) -> None:
    alice_client.post(URL, {"description": "", "wiki": "Same."})
    response = alice_client.post(URL, {"description": "", "wiki": "Same.\n"})
    assert response.status_code == 400
    assert "Nothing changed" in response.content.decode()
    assert pytorch.wiki_revisions.count() == 1


def test_text_from_before_revisions_becomes_revision_one(alice: User, pytorch: Tag) -> None:
    Tag.objects.filter(pk=pytorch.pk).update(description="Old excerpt.", wiki="Old wiki.")
    pytorch.refresh_from_db()
    services.update_tag_wiki(tag=pytorch, by=alice, description="New.", wiki="New wiki.")
    first, second = pytorch.wiki_revisions.order_by("number")
    assert (first.number, first.author, first.wiki) == (1, None, "Old wiki.")
    assert (second.number, second.author, second.wiki) == (2, alice, "New wiki.")


def test_the_page_is_in_chinese_too(alice_client: Client, pytorch: Tag) -> None:
    page = alice_client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert '<html lang="zh-Hans"' in page.content.decode()


def test_admin_edit_goes_through_the_service(alice: User, pytorch: Tag) -> None:
    """A wiki saved in the admin is rendered and kept as a revision (it used to stay unrendered)."""
    admin = TagAdmin(Tag, site)
    request = RequestFactory().post("/admin/")
    request.user = alice
    form = admin.get_form(request, pytorch)(
        {"name": "pytorch", "description": "From the admin.", "wiki": "# Heading"},
        instance=pytorch,
    )
    assert form.is_valid(), form.errors
    obj = form.save(commit=False)
    admin.save_model(request, obj, form, change=True)
    pytorch.refresh_from_db()
    assert pytorch.wiki_html.startswith("<h1")
    assert "Heading" in pytorch.wiki_html
    assert pytorch.wiki_revisions.get().author == alice

    too_long = admin.get_form(request, pytorch)(
        {"name": "pytorch", "description": "x" * 301, "wiki": ""}, instance=pytorch
    )
    assert not too_long.is_valid()
    assert "description" in too_long.errors
