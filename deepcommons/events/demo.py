"""Demo events: an online talk, meetups in Beijing and Shanghai, a weekly
reading group, and a past workshop with slides, a recording and feedback,
with registrations from the demo members. Idempotent: an event that exists
(same title and organiser) is left alone."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.core.markdown import render_markdown
from deepcommons.events.models import (
    Event,
    EventKind,
    EventSeries,
    Feedback,
    Format,
    Language,
    Registration,
    RegistrationStatus,
    Rule,
    Speaker,
)
from deepcommons.events.pagecache import LISTS
from deepcommons.events.services.series import occurrence_starts
from deepcommons.spaces.models import Space, Tag

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
S = RegistrationStatus


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    """`days` from today at `hour`:`minute` Shanghai time."""
    today = timezone.now().astimezone(SHANGHAI).date()
    day = today + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


EVENTS: list[dict[str, Any]] = [
    {
        "title": "Scaling laws in practice",
        "organiser": "li_wei",
        "kind": EventKind.TALK,
        "format": Format.ONLINE,
        "language": Language.EN,
        "space": "llms",
        "tags": ["pytorch"],
        "start": (3, 20),
        "hours": 1.5,
        "video_url": "https://meet.jit.si/deepcommons-scaling-laws",
        "description": (
            "How far do the Chinchilla rules carry when you train on a budget?\n\n"
            "- compute-optimal model and data sizes\n- what changes with data repetition\n"
            "- Q&A"
        ),
        "speakers": [("li_wei", "", "DeepCommons"), ("", "Anna Schmidt", "TU Munich")],
        "going": ["zhang_min", "wang_fang", "sun_li"],
        "interested": ["chen_jie"],
    },
    {
        "title": "北京深度学习线下交流会",
        "organiser": "zhang_min",
        "kind": EventKind.MEETUP,
        "format": Format.OFFLINE,
        "language": Language.ZH,
        "space": "computer-vision",
        "start": (10, 14),
        "hours": 3,
        "venue": "中关村创业大街",
        "address": "北京市海淀区海淀西大街48号",
        "city": "Beijing",
        "capacity": 3,
        "questions": ["你的单位？"],
        "description": "面对面聊聊视觉大模型、部署和求职。\n\n**名额有限**，满员后自动进入候补。",
        "speakers": [("zhang_min", "", "")],
        "going": ["li_wei", "zhao_lei", "zhou_tao"],
        "waitlisted": ["wu_xia"],
    },
    {
        "title": "上海 MLOps 见面会",
        "organiser": "liu_yang",
        "kind": EventKind.MEETUP,
        "format": Format.HYBRID,
        "language": Language.ZH,
        "space": "mlops",
        "start": (17, 19),
        "hours": 2,
        "venue": "张江人工智能岛",
        "address": "上海市浦东新区张江路665号",
        "city": "Shanghai",
        "capacity": 40,
        "video_url": "https://meet.jit.si/deepcommons-mlops-shanghai",
        "description": "模型上线之后：监控、回滚与成本。线上同步直播。",
        "going": ["huang_bo", "wang_fang"],
    },
]

READING_GROUP: dict[str, Any] = {
    "title": "论文精读：注意力机制",
    "organiser": "liu_yang",
    "kind": EventKind.SEMINAR,
    "format": Format.ONLINE,
    "language": Language.ZH,
    "space": "nlp",
    "hours": 1.5,
    "video_url": "https://meet.jit.si/deepcommons-reading-group",
    "description": "每周四晚一篇经典论文，轮流主讲。第一期：*Attention Is All You Need*。",
    "going": ["li_wei", "chen_jie"],
}

PAST_WORKSHOP: dict[str, Any] = {
    "title": "Diffusion models workshop",
    "organiser": "wang_fang",
    "kind": EventKind.WORKSHOP,
    "format": Format.ONLINE,
    "language": Language.EN,
    "space": "computer-vision",
    "start": (-14, 15),
    "hours": 3,
    "video_url": "https://meet.jit.si/deepcommons-diffusion",
    "slides_url": "https://example.com/slides/diffusion-workshop.pdf",
    "recording_url": "https://example.com/recordings/diffusion-workshop",
    "description": "Hands-on: train a small DDPM on CIFAR-10, then sample faster with DDIM.",
    "speakers": [("wang_fang", "", "")],
    "going": ["li_wei", "zhang_min", "chen_jie", "zhao_lei", "sun_li"],
    "feedback": [
        ("li_wei", 5, "Clear and practical; the notebook just worked."),
        ("zhang_min", 4, "Great pace. More on guidance next time, please."),
        ("chen_jie", 4, ""),
        ("zhao_lei", 3, "The CUDA setup took half my time."),
    ],
}


def _users(names: list[str]) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=names)}


def _make(spec: dict[str, Any], users: dict[str, User], *, start: datetime) -> Event | None:
    organiser = users.get(spec["organiser"])
    if organiser is None:
        return None
    existing = Event.objects.filter(
        title=spec["title"], organiser=organiser, starts_at=start
    ).first()
    if existing is not None or (
        "series" not in spec and Event.objects.filter(title=spec["title"]).exists()
    ):
        return None
    now = timezone.now()
    event = Event.objects.create(
        title=spec["title"],
        description=spec["description"],
        description_html=render_markdown(spec["description"]),
        kind=spec["kind"],
        format=spec["format"],
        language=spec["language"],
        space=Space.objects.filter(slug=spec.get("space", "")).first(),
        starts_at=start,
        ends_at=start + timedelta(hours=spec["hours"]),
        timezone="Asia/Shanghai",
        venue=spec.get("venue", ""),
        address=spec.get("address", ""),
        city=spec.get("city", ""),
        capacity=spec.get("capacity"),
        video_url=spec.get("video_url", ""),
        slides_url=spec.get("slides_url", ""),
        recording_url=spec.get("recording_url", ""),
        questions=spec.get("questions", []),
        organiser=organiser,
        series=spec.get("series"),
        created_at=min(now, start - timedelta(days=7)),
        updated_at=now,
    )
    event.tags.set(Tag.objects.filter(name__in=spec.get("tags", [])))
    for position, (username, name, affiliation) in enumerate(spec.get("speakers", [])):
        user = users.get(username) if username else None
        if username and user is None:
            continue
        Speaker.objects.create(
            event=event, user=user, name=name, affiliation=affiliation, position=position
        )
    # Written directly: the registration service refuses past events.
    registered = event.created_at + timedelta(hours=1)
    for status, key in (
        (S.GOING, "going"),
        (S.WAITLISTED, "waitlisted"),
        (S.INTERESTED, "interested"),
    ):
        for offset, username in enumerate(spec.get(key, [])):
            if username in users:
                moment = registered + timedelta(minutes=offset + 10 * len(key))
                Registration.objects.create(
                    event=event,
                    user=users[username],
                    status=status,
                    answers={q: "DeepCommons" for q in event.questions},
                    created_at=moment,
                    status_changed_at=moment,
                )
    for username, rating, comment in spec.get("feedback", []):
        if username in users:
            Feedback.objects.create(
                event=event, user=users[username], rating=rating, comment=comment
            )
    return event


def _names(*specs: dict[str, Any]) -> list[str]:
    names: set[str] = set()
    for spec in specs:
        names.add(spec["organiser"])
        for key in ("going", "waitlisted", "interested"):
            names.update(spec.get(key, []))
        names.update(u for u, _n, _a in spec.get("speakers", []) if u)
        names.update(u for u, _r, _c in spec.get("feedback", []))
    return sorted(names)


@transaction.atomic
def build(stdout: Any) -> None:
    users = _users(_names(*EVENTS, READING_GROUP, PAST_WORKSHOP))
    made = 0
    for spec in [*EVENTS, PAST_WORKSHOP]:
        days, hour = spec["start"]
        if _make(spec, users, start=_at(days, hour)) is not None:
            made += 1
    organiser = users.get(READING_GROUP["organiser"])
    if organiser is not None:
        series, _created = EventSeries.objects.get_or_create(
            title=READING_GROUP["title"], organiser=organiser, defaults={"rule": Rule.WEEKLY}
        )
        if not series.events.exists():
            # Thursdays at 19:30, starting with the next one.
            today = timezone.now().astimezone(SHANGHAI).date()
            days = (3 - today.weekday()) % 7 or 7
            for start in occurrence_starts(
                _at(days, 19, 30), rule=Rule.WEEKLY, count=6, zone="Asia/Shanghai"
            ):
                if _make({**READING_GROUP, "series": series}, users, start=start) is not None:
                    made += 1
    from deepcommons.core.pagecache import bump_versions

    bump_versions(LISTS)
    stdout.write(f"events: {made} demo events")
