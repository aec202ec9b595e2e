"""Creating an organisation page and editing it (text, links, logo)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.core.images import process_image
from deepcommons.core.markdown import render_markdown
from deepcommons.orgs.models import Organisation, OrgMembership, OrgRole
from deepcommons.orgs.pagecache import org_changed

#: Slugs the app's own URLs use under /orgs/.
RESERVED_SLUGS = frozenset({"new", "verification", "invitations", "promotion-policy"})
#: Webmail domains prove nothing about who works where.
PUBLIC_EMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "qq.com",
        "foxmail.com",
        "163.com",
        "126.com",
        "sina.com",
        "sohu.com",
        "aliyun.com",
        "proton.me",
        "protonmail.com",
    }
)


@dataclass
class OrgInput:
    name_en: str
    kind: str
    name_zh: str = ""
    description: str = ""
    website: str = ""
    links: list[dict[str, str]] = field(default_factory=list)
    locations: str = ""
    size: str = ""
    email_domain: str = ""


def clean_email_domain(value: str) -> str:
    domain = value.strip().lower().lstrip("@")
    if not domain:
        return ""
    if "." not in domain or " " in domain or "@" in domain:
        raise ValidationError({"email_domain": _("Enter a domain such as example.com.")})
    if domain in PUBLIC_EMAIL_DOMAINS:
        raise ValidationError(
            {"email_domain": _("A public webmail domain cannot identify an organisation.")}
        )
    return domain


def _apply(org: Organisation, data: OrgInput) -> bool:
    """Copy `data` onto `org`; True when the email domain changed."""
    domain = clean_email_domain(data.email_domain)
    changed_domain = domain != org.email_domain
    org.name_en = data.name_en.strip()
    org.name_zh = data.name_zh.strip()
    org.kind = data.kind
    org.description = data.description
    org.description_html = render_markdown(data.description) if data.description else ""
    org.website = data.website
    org.links = [
        {"label": str(link.get("label", ""))[:80], "url": str(link["url"])[:500]}
        for link in data.links[:10]
        if link.get("url")
    ]
    org.locations = data.locations.strip()
    org.size = data.size
    org.email_domain = domain
    return changed_domain


def _check_may_write(user: User) -> None:
    if getattr(user, "is_silenced", False):
        raise PermissionDenied(_("You cannot do this while your account is silenced."))


@transaction.atomic
def create_org(*, by: User, slug: str, data: OrgInput) -> Organisation:
    """Create an organisation page; its creator becomes its first owner."""
    _check_may_write(by)
    slug = slug.strip().lower()
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This address is reserved; choose another.")})
    org = Organisation(slug=slug, created_by=by)
    _apply(org, data)
    org.full_clean(exclude=["logo", "created_by", "verified_by"], validate_unique=False)
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError:
        raise ValidationError({"slug": _("This address is taken.")}) from None
    OrgMembership.objects.create(org=org, user=by, role=OrgRole.OWNER)
    org_changed(org.pk)
    return org


@transaction.atomic
def update_org(*, org: Organisation, by: User, data: OrgInput) -> Organisation:
    """Edit the page. A new email domain takes the verified badge away: it was
    granted for the old one."""
    if not org.can_manage(by):
        raise PermissionDenied
    changed_domain = _apply(org, data)
    if changed_domain and org.verified_at is not None:
        org.verified_at = None
        org.verified_by = None
    org.full_clean(exclude=["logo", "created_by", "verified_by"], validate_unique=False)
    org.save()
    org_changed(org.pk)
    return org


@transaction.atomic
def set_logo(*, org: Organisation, by: User, upload: UploadedFile) -> Organisation:
    """Validate, re-encode (WebP, 256 px square, no EXIF) and store the logo."""
    if not org.can_manage(by):
        raise PermissionDenied
    image = process_image(
        upload,
        max_bytes=settings.AVATAR_MAX_BYTES,
        max_pixels=settings.AVATAR_MAX_PIXELS,
        square=256,
    )
    old = org.logo.name if org.logo else ""
    org.logo.save(f"{org.slug}.webp", image.content, save=False)
    org.save(update_fields=["logo"])
    if old and old != org.logo.name:
        org.logo.storage.delete(old)
    org_changed(org.pk)
    return org


@transaction.atomic
def remove_logo(*, org: Organisation, by: User) -> None:
    if not org.can_manage(by):
        raise PermissionDenied
    if org.logo:
        org.logo.delete(save=False)
        org.logo = ""  # type: ignore[assignment]
        org.save(update_fields=["logo"])
    org_changed(org.pk)


def org_input_from(values: dict[str, Any]) -> OrgInput:
    """An OrgInput from a form's or the API's cleaned values."""
    return OrgInput(
        name_en=values.get("name_en", ""),
        name_zh=values.get("name_zh", "") or "",
        kind=values.get("kind", ""),
        description=values.get("description", "") or "",
        website=values.get("website", "") or "",
        links=list(values.get("links") or []),
        locations=values.get("locations", "") or "",
        size=values.get("size", "") or "",
        email_domain=values.get("email_domain", "") or "",
    )
