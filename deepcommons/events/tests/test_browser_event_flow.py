"""The issue's events flow in real Chromium, in English and in Chinese: an
organiser creates an online talk, a member registers, finds it in "my
events" and downloads the .ics, which parses as a calendar."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Page

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.events.models import Event, Registration, RegistrationStatus
from deepcommons.events.tests.factories import make_organiser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "locale",
    [
        pytest.param("en-US", marks=pytest.mark.locale("en-US")),
        pytest.param("zh-CN", marks=pytest.mark.locale("zh-CN")),
    ],
)
def test_an_organiser_creates_a_talk_and_a_member_registers(
    page: Page, live_server: object, locale: str, tmp_path: Path
) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    organiser = make_organiser(f"host_{locale[:2]}")
    member = UserFactory.create(username=f"member_{locale[:2]}")

    # The organiser publishes an online talk.
    login_as(page.context, base_url, organiser)
    page.goto(f"{base_url}/events/new/")
    page.fill("#id_title", "Flash attention, line by line")
    page.select_option("#id_kind", "talk")
    page.select_option("#id_format", "online")
    page.select_option("#id_language", "en")
    page.fill("#id_description", "We read the **kernel** together.")
    page.fill("#id_starts_at", "2031-05-01T19:00")
    page.fill("#id_ends_at", "2031-05-01T20:30")
    page.select_option("#id_timezone", "Asia/Shanghai")
    page.fill("#id_video_url", "https://meet.example.com/flash")
    page.fill("#id_capacity", "20")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("article.event-page h1")
    event = Event.objects.get(title="Flash attention, line by line")
    assert page.url.endswith(event.get_absolute_url())
    assert event.starts_at == datetime(2031, 5, 1, 19, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    screenshot(page, f"events-created-{locale}")

    # A member registers.
    page.context.clear_cookies()
    login_as(page.context, base_url, member)
    page.goto(f"{base_url}{event.get_absolute_url()}")
    assert "meet.example.com" not in page.content()
    page.click("button[name=status][value=going]")
    page.wait_for_selector(".rsvp-status")
    assert Registration.objects.get(event=event, user=member).status == RegistrationStatus.GOING
    page.wait_for_selector("img.ticket-qr")
    assert_accessible(page)
    screenshot(page, f"events-registered-{locale}")

    # It is in "my events".
    page.goto(f"{base_url}/events/mine/")
    page.wait_for_selector(f".event-row a[href='{event.get_absolute_url()}']")
    screenshot(page, f"events-mine-{locale}")

    # The calendar file downloads and parses, in the event's zone.
    page.goto(f"{base_url}{event.get_absolute_url()}")
    with page.expect_download() as info:
        page.click("a.ics-link")
    target = tmp_path / "event.ics"
    info.value.save_as(target)
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Flash attention, line by line"
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert vevent.decoded("DTSTART") == event.starts_at
