"""The verified badge: an admin proves a work email on the organisation's
domain through a signed link, then an operator approves.

1. `request_verification`: a manager names an address on `org.email_domain`;
   a link signed with `VERIFICATION_SALT` and valid for
   `LINK_MAX_AGE_SECONDS` is mailed to it.
2. `confirm_verification(token=…)`: opening the link (and pressing Confirm)
   marks the request confirmed.
3. `approve_verification` / `reject_verification`: an operator decides on
   `/orgs/verification/`; approval sets `verified_at` and tells the managers.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.orgs.models import (
    MANAGING_ROLES,
    Organisation,
    VerificationRequest,
    VerificationStatus,
)
from deepcommons.orgs.notifications import ORG_VERIFIED
from deepcommons.orgs.pagecache import org_changed

VERIFICATION_SALT = "orgs.verification"
LINK_MAX_AGE_SECONDS = 2 * 24 * 3600


def make_token(request: VerificationRequest) -> str:
    return signing.dumps({"r": request.pk, "e": request.email}, salt=VERIFICATION_SALT)


def confirmation_url(request: VerificationRequest) -> str:
    return settings.SITE_URL + reverse(
        "orgs:verification-confirm", kwargs={"token": make_token(request)}
    )


def read_token(token: str) -> VerificationRequest:
    """The request a link names; ValidationError when it is forged, stale or used."""
    try:
        payload = signing.loads(token, salt=VERIFICATION_SALT, max_age=LINK_MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise ValidationError(_("This link has expired; ask for a new one.")) from None
    except signing.BadSignature:
        raise ValidationError(_("This link is not valid.")) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("r"), int):
        raise ValidationError(_("This link is not valid."))
    request = VerificationRequest.objects.select_related("org").filter(pk=payload["r"]).first()
    if request is None or request.email != payload.get("e"):
        raise ValidationError(_("This link is not valid."))
    if request.status != VerificationStatus.EMAIL_SENT:
        raise ValidationError(_("This link was already used."))
    return request


def email_matches_domain(email: str, domain: str) -> bool:
    """The address is on `domain` itself (not a look-alike such as evil-domain.com)."""
    local, _at, host = email.strip().lower().rpartition("@")
    return bool(local) and bool(domain) and host == domain.lower()


def _send_link(request: VerificationRequest, by: User) -> None:
    language = by.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "org": request.org,
            "requested_by": by,
            "url": confirmation_url(request),
            "days": LINK_MAX_AGE_SECONDS // 86400,
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("orgs/email/verify_subject.txt", context).strip()
        text = render_to_string("orgs/email/verify.txt", context)
        html = render_to_string("orgs/email/verify.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        to=[request.email],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    message.send()


@transaction.atomic
def request_verification(
    *, org: Organisation, by: User, email: str, note: str = "", send_link: bool = True
) -> VerificationRequest:
    """Mail a confirmation link to a work address on the organisation's domain
    (`send_link=False` is for the demo, whose domains are made up)."""
    if not org.can_manage(by):
        raise PermissionDenied
    if org.is_verified:
        raise ValidationError(_("This organisation is already verified."))
    if not org.email_domain:
        raise ValidationError(
            {"email": _("Set the organisation's email domain on its settings page first.")}
        )
    email = email.strip().lower()
    if not email_matches_domain(email, org.email_domain):
        raise ValidationError(
            {"email": _("Use an address ending in @%(domain)s.") % {"domain": org.email_domain}}
        )
    # A new request replaces older open ones, so one link at a time works.
    VerificationRequest.objects.filter(
        org=org, status__in=[VerificationStatus.EMAIL_SENT, VerificationStatus.CONFIRMED]
    ).update(status=VerificationStatus.REJECTED, reviewed_at=timezone.now())
    request = VerificationRequest.objects.create(
        org=org, requested_by=by, email=email, note=note.strip()[:500]
    )
    if send_link:
        transaction.on_commit(lambda: _send_link(request, by))
    return request


@transaction.atomic
def confirm_verification(*, token: str) -> VerificationRequest:
    """The link was opened by someone holding the mailbox: ready for review."""
    request = read_token(token)
    updated = VerificationRequest.objects.filter(
        pk=request.pk, status=VerificationStatus.EMAIL_SENT
    ).update(status=VerificationStatus.CONFIRMED, confirmed_at=timezone.now())
    if not updated:
        raise ValidationError(_("This link was already used."))
    request.refresh_from_db()
    return request


def _reviewable(request: VerificationRequest, by: User) -> VerificationRequest:
    if not by.is_operator:
        raise PermissionDenied
    locked = VerificationRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != VerificationStatus.CONFIRMED:
        raise ValidationError(_("Only requests with a confirmed email can be reviewed."))
    return locked


@transaction.atomic
def approve_verification(*, request: VerificationRequest, by: User) -> Organisation:
    """Grant the verified badge and tell the organisation's managers."""
    request = _reviewable(request, by)
    now = timezone.now()
    request.status = VerificationStatus.APPROVED
    request.reviewed_at = now
    request.reviewed_by = by
    request.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    org = Organisation.objects.select_for_update().get(pk=request.org_id)
    org.verified_at = now
    org.verified_by = by
    org.save(update_fields=["verified_at", "verified_by"])
    org_changed(org.pk)
    managers = list(
        User.objects.active().filter(
            org_memberships__org=org, org_memberships__role__in=MANAGING_ROLES
        )
    )
    from deepcommons.social.services.notifications import notify

    def tell() -> None:
        for manager in managers:
            notify(
                recipient=manager,
                kind=ORG_VERIFIED,
                actor=by,
                target=org,
                dedupe_key=f"org-verified:{org.pk}",
                aggregate=False,
            )

    transaction.on_commit(tell)
    return org


@transaction.atomic
def reject_verification(*, request: VerificationRequest, by: User) -> None:
    request = _reviewable(request, by)
    request.status = VerificationStatus.REJECTED
    request.reviewed_at = timezone.now()
    request.reviewed_by = by
    request.save(update_fields=["status", "reviewed_at", "reviewed_by"])


@transaction.atomic
def revoke_verification(*, org: Organisation, by: User) -> None:
    """An operator takes the badge away."""
    if not by.is_operator:
        raise PermissionDenied
    Organisation.objects.filter(pk=org.pk).update(verified_at=None, verified_by=None)
    org.verified_at = None
    org.verified_by = None
    org_changed(org.pk)
