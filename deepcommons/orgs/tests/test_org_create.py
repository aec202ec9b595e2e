"""Creating and editing an organisation page: validation, reserved addresses, the logo."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from deepcommons.accounts.models import User
from deepcommons.orgs.models import Organisation, OrgRole
from deepcommons.orgs.tests.factories import png_upload

pytestmark = pytest.mark.django_db

FORM = {
    "slug": "new-lab",
    "name_en": "New Lab",
    "name_zh": "新实验室",
    "kind": "lab",
    "description": "We do **science**.",
    "website": "https://newlab.example.org",
    "links_text": "GitHub https://github.com/newlab\nHugging Face https://huggingface.co/newlab",
    "locations": "Hangzhou",
    "size": "11-50",
    "email_domain": "newlab.example.org",
}


def test_a_member_creates_a_page_and_becomes_its_owner(alice: User, alice_client: Client) -> None:
    response = alice_client.post("/orgs/new/", {**FORM, "logo_upload": png_upload()})
    org = Organisation.objects.get(slug="new-lab")
    assert response.status_code == 302 and response["Location"] == "/orgs/new-lab/"
    assert org.role_of(alice) == OrgRole.OWNER
    assert org.links == [
        {"label": "GitHub", "url": "https://github.com/newlab"},
        {"label": "Hugging Face", "url": "https://huggingface.co/newlab"},
    ]
    with Image.open(org.logo.path) as logo:
        assert logo.format == "WEBP" and logo.size == (256, 256)
    html = Client().get("/orgs/new-lab/").content.decode()
    assert "<strong>science</strong>" in html and "Hangzhou" in html and "Hugging Face" in html


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get("/orgs/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"slug": "new"}, "This address is reserved"),
        ({"slug": "verification"}, "This address is reserved"),
        ({"email_domain": "gmail.com"}, "public webmail domain"),
        ({"links_text": "just words"}, "does not end with an address"),
        ({"name_en": ""}, "This field is required."),
        ({"kind": "club"}, "Select a valid choice."),
    ],
)
def test_bad_input_reshows_the_form(
    change: dict[str, str], error: str, alice_client: Client
) -> None:
    response = alice_client.post("/orgs/new/", {**FORM, **change})
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html and "We do **science**." in html
    assert not Organisation.objects.exists()


def test_a_taken_address_is_refused(alice_client: Client, bob_client: Client) -> None:
    alice_client.post("/orgs/new/", FORM)
    response = bob_client.post("/orgs/new/", {**FORM, "name_en": "Copycat"})
    assert response.status_code == 400 and "This address is taken." in response.content.decode()


def test_a_file_that_is_not_an_image_is_refused(alice_client: Client) -> None:
    fake = SimpleUploadedFile("logo.png", b"<?php echo 1; ?>", content_type="image/png")
    response = alice_client.post("/orgs/new/", {**FORM, "logo_upload": fake})
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_managers_edit_the_page_and_others_cannot(
    alice: User, alice_client: Client, bob_client: Client
) -> None:
    alice_client.post("/orgs/new/", FORM)
    edit = {**FORM, "name_en": "Renamed Lab", "description": "Updated."}
    assert bob_client.post("/orgs/new-lab/edit/", edit).status_code == 403
    response = alice_client.post("/orgs/new-lab/edit/", edit)
    assert response.status_code == 302
    org = Organisation.objects.get()
    assert org.name_en == "Renamed Lab" and org.description_html == "<p>Updated.</p>\n"
    bad = alice_client.post("/orgs/new-lab/edit/", {**edit, "website": "not a url at all"})
    assert bad.status_code == 400 and "Updated." in bad.content.decode()
    org.refresh_from_db()
    assert org.website == "https://newlab.example.org"
