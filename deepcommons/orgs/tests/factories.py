"""Organisations with people in each role, built through the services."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.orgs import services
from deepcommons.orgs.models import Organisation, OrgKind, OrgMembership, OrgPost, OrgRole


def make_org(
    *,
    owner: User | None = None,
    slug: str = "deep-lab",
    name_en: str = "Deep Lab",
    name_zh: str = "深度实验室",
    kind: str = OrgKind.LAB,
    email_domain: str = "deeplab.example.org",
    **extra: str,
) -> Organisation:
    owner = owner or UserFactory.create(username=f"{slug.replace('-', '_')}_owner")
    data = services.OrgInput(
        name_en=name_en, name_zh=name_zh, kind=kind, email_domain=email_domain, **extra
    )
    return services.create_org(by=owner, slug=slug, data=data)


def add_member(org: Organisation, user: User, role: str = OrgRole.MEMBER) -> OrgMembership:
    """Put `user` in `org` directly (tests of other things than invitations)."""
    membership = OrgMembership.objects.create(org=org, user=user, role=role)
    org.__dict__.pop("_roles", None)
    return membership


def make_operator(username: str = "opal") -> User:
    user = UserFactory.create(username=username)
    set_role(user=user, role="operator")
    return User.objects.get(pk=user.pk)


def make_post(
    org: Organisation,
    *,
    by: User | None = None,
    title: str = "Release 1.0",
    kind: str = "release",
    sponsored: bool = False,
) -> OrgPost:
    author = by or OrgMembership.objects.filter(org=org, role=OrgRole.OWNER).first().user  # type: ignore[union-attr]
    return services.publish_org_post(
        org=org, by=author, kind=kind, title=title, body="Notes **here**.", sponsored=sponsored
    )


def png_upload(name: str = "logo.png", size: tuple[int, int] = (64, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
