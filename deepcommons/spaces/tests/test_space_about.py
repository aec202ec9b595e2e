from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from deepcommons.accounts.models import User
from deepcommons.spaces.tests.factories import SpaceFactory


def _about(slug: str) -> str:
    return reverse("spaces:space-about", kwargs={"space_slug": slug})


def test_anyone_sees_descriptions_rules_and_moderators(
    client: Client, alice_client: Client, charlie: User
) -> None:
    space = SpaceFactory(
        slug="cv",
        name_en="Computer Vision",
        name_zh="计算机视觉",
        description_en="Images and video.",
        description_zh="图像与视频。",
        rules="1. Show your code.\n2. Be kind.",
    )
    space.moderators.add(charlie)
    for visitor in (client, alice_client):
        response = visitor.get(_about("cv"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Images and video." in html and "图像与视频。" in html
        assert "Show your code." in html
        assert f'href="{charlie.get_absolute_url()}"' in html and "Charlie" in html
        # Only the space's moderators and site staff get the settings link.
        assert reverse("spaces:space-settings", kwargs={"space_slug": "cv"}) not in html


def test_about_page_in_chinese(client: Client, db: None) -> None:
    SpaceFactory(slug="zh", name_en="Chinese general", name_zh="中文综合")
    with translation.override("zh-hans"):
        html = client.get(_about("zh"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "关于中文综合" in html and "版主" in html


def test_space_without_moderators_says_so(client: Client, db: None) -> None:
    SpaceFactory(slug="rl")
    assert "no moderators of its own" in client.get(_about("rl")).content.decode()


def test_unknown_space_is_404(client: Client, db: None) -> None:
    assert client.get(_about("nope")).status_code == 404
