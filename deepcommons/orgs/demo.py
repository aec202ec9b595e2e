"""Demo organisations: a Beijing AI lab, a Shanghai company, a university lab
and an open-source project, with members in every role (recruiters too),
posts (one sponsored) and followers. Built through the services; idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.orgs import services
from deepcommons.orgs.models import Organisation, OrgKind, OrgMembership, OrgPost, OrgRole
from deepcommons.orgs.services.verification import make_token

ORGS: list[dict[str, Any]] = [
    {
        "slug": "zhiyuan-ai-lab",
        "name_en": "Zhiyuan AI Lab",
        "name_zh": "智源人工智能实验室",
        "kind": OrgKind.LAB,
        "locations": "Beijing",
        "size": "51-200",
        "website": "https://ai-lab.example.cn",
        "email_domain": "ai-lab.example.cn",
        "description": (
            "We study **large language models** and their evaluation, and publish our "
            "benchmarks as open data.\n\n我们研究大语言模型及其评测。"
        ),
        "verified": True,
        "members": {
            "li_wei": OrgRole.OWNER,
            "zhang_min": OrgRole.ADMIN,
            "wang_fang": OrgRole.RECRUITER,
            "chen_jie": OrgRole.MEMBER,
        },
        "posts": [
            ("release", "Eval-Suite 2.0 released", "Version 2.0 adds Chinese reading tasks."),
            ("technology", "How we deduplicate pretraining data", "MinHash, then exact."),
        ],
    },
    {
        "slug": "huangpu-robotics",
        "name_en": "Huangpu Robotics",
        "name_zh": "黄浦机器人",
        "kind": OrgKind.COMPANY,
        "locations": "Shanghai",
        "size": "201-1000",
        "website": "https://robotics.example.com",
        "email_domain": "robotics.example.com",
        "description": "Warehouse robots with on-device vision models.",
        "verified": True,
        "members": {
            "liu_yang": OrgRole.OWNER,
            "zhao_lei": OrgRole.RECRUITER,
            "sun_li": OrgRole.MEMBER,
        },
        "posts": [
            (
                "product",
                "Meet the H2 picking arm",
                "Our new arm runs a 30 M-parameter detector on the device.",
                True,
            ),
            ("announcement", "We are hiring in Shanghai", "Vision and controls engineers."),
        ],
    },
    {
        "slug": "thu-nlp-group",
        "name_en": "University NLP Group",
        "name_zh": "大学自然语言处理组",
        "kind": OrgKind.UNIVERSITY,
        "locations": "Beijing",
        "size": "11-50",
        "email_domain": "nlp.example.edu.cn",
        "description": "A university lab working on parsing, translation and dialogue.",
        "verified": False,
        "members": {"zhou_tao": OrgRole.OWNER, "chen_jie": OrgRole.ADMIN},
        "posts": [("announcement", "Reading group restarts", "Thursdays at 16:00.")],
    },
    {
        "slug": "open-tokenizers",
        "name_en": "Open Tokenizers",
        "name_zh": "开放分词器",
        "kind": OrgKind.OPEN_SOURCE,
        "locations": "Remote",
        "size": "1-10",
        "website": "https://github.com/example/open-tokenizers",
        "description": "Fast tokenizers for Chinese and English, Apache-2.0.",
        "verified": False,
        "members": {"wang_fang": OrgRole.OWNER, "sun_li": OrgRole.MEMBER},
        "posts": [("release", "v0.9: byte-level BPE", "Twice as fast on long documents.")],
    },
]
FOLLOWERS = ["zhang_min", "wang_fang", "chen_jie", "liu_yang", "zhou_tao"]


def _build_one(spec: dict[str, Any], users: dict[str, User], operator: User | None) -> bool:
    if Organisation.objects.filter(slug=spec["slug"]).exists():
        return False
    people = [(users[name], role) for name, role in spec["members"].items() if name in users]
    if not people:
        return False
    owner = people[0][0]
    data = services.OrgInput(
        name_en=spec["name_en"],
        name_zh=spec["name_zh"],
        kind=spec["kind"],
        description=spec["description"],
        website=spec.get("website", ""),
        locations=spec["locations"],
        size=spec["size"],
        email_domain=spec.get("email_domain", ""),
    )
    org = services.create_org(by=owner, slug=spec["slug"], data=data)
    for user, role in people[1:]:
        invitation = services.invite_member(org=org, by=owner, user=user, role=role)
        services.accept_invitation(invitation=invitation, by=user)
    if spec["verified"] and operator is not None:
        request = services.request_verification(
            org=org,
            by=owner,
            email=f"{owner.username}@{spec['email_domain']}",
            send_link=False,
        )
        services.confirm_verification(token=make_token(request))
        services.approve_verification(request=request, by=operator)
        org.refresh_from_db()
    now = timezone.now()
    for index, post in enumerate(spec["posts"]):
        kind, title, body, *rest = post
        created = services.publish_org_post(
            org=org, by=owner, kind=kind, title=title, body=body, sponsored=bool(rest and rest[0])
        )
        OrgPost.objects.filter(pk=created.pk).update(created_at=now - timedelta(days=index + 1))
    for name in FOLLOWERS:
        if name in users and not OrgMembership.objects.filter(org=org, user=users[name]).exists():
            services.follow_org(user=users[name], org=org)
    return True


@transaction.atomic
def build(stdout: Any) -> None:
    names = {name for spec in ORGS for name in spec["members"]} | set(FOLLOWERS)
    users = {u.username: u for u in User.objects.active().filter(username__in=names)}
    operator = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    built = sum(_build_one(spec, users, operator) for spec in ORGS)
    stdout.write(f"orgs: {built} organisations built")
