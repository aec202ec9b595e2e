"""Open-to-work profiles and recruiters' contact requests."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.careers import kinds
from deepcommons.careers.models import (
    CURRENCIES,
    Availability,
    ContactRequest,
    ContactStatus,
    JobRole,
    TalentProfile,
    TalentVisibility,
)
from deepcommons.orgs.models import Organisation
from deepcommons.social.services.messages import start_conversation
from deepcommons.social.services.notifications import notify
from deepcommons.spaces.models import Tag


@dataclass
class TalentData:
    open_to_work: bool
    headline: str = ""
    roles: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    locations: str = ""
    remote_ok: bool = True
    availability: str = Availability.NOW
    salary_expectation: int | None = None
    salary_currency: str = ""
    visibility: str = TalentVisibility.ALL_VERIFIED
    allowed_orgs: list[Organisation] = field(default_factory=list)


def update_talent_profile(*, user: User, data: TalentData) -> TalentProfile:
    """Save the member's open-to-work settings (creating them the first time)."""
    errors: dict[str, str] = {}
    if any(r not in JobRole.values for r in data.roles):
        errors["roles"] = _("Choose roles from the list.")
    if data.availability not in Availability.values:
        errors["availability"] = _("Choose one of the listed values.")
    if data.visibility not in TalentVisibility.values:
        errors["visibility"] = _("Choose one of the listed values.")
    if data.salary_currency and data.salary_currency not in CURRENCIES:
        errors["salary_currency"] = _(
            "Unknown currency %(code)s: use an ISO 4217 code from the list."
        ) % {"code": data.salary_currency[:10]}
    if data.salary_expectation is not None and not data.salary_currency:
        errors.setdefault("salary_currency", _("Choose the salary's currency."))
    if data.salary_expectation is not None and data.salary_expectation < 0:
        errors["salary_expectation"] = _("Enter a whole, positive amount.")
    if any(not o.is_verified for o in data.allowed_orgs):
        errors["allowed_orgs"] = _("Only verified organisations can be chosen.")
    elif data.visibility == TalentVisibility.CHOSEN and data.open_to_work and not data.allowed_orgs:
        errors["allowed_orgs"] = _("Choose at least one organisation.")
    names = sorted({n.strip().lower() for n in data.skills if n.strip()})[:20]
    tags = list(Tag.objects.filter(name__in=names))
    unknown = sorted(set(names) - {t.name for t in tags})
    if unknown:
        errors["skills"] = _("Unknown tags: %(tags)s.") % {"tags": ", ".join(unknown)}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        profile, _created = TalentProfile.objects.get_or_create(user=user)
        profile.open_to_work = data.open_to_work
        profile.headline = data.headline.strip()[:150]
        profile.roles = sorted(set(data.roles))
        profile.locations = data.locations.strip()[:200]
        profile.remote_ok = data.remote_ok
        profile.availability = data.availability
        profile.salary_expectation = data.salary_expectation
        profile.salary_currency = data.salary_currency
        profile.visibility = data.visibility
        profile.updated_at = timezone.now()
        profile.save()
        profile.skills.set(tags)
        profile.allowed_orgs.set(data.allowed_orgs)
    return profile


def contact_member(
    *, org: Organisation, recruiter: User, member: User, message: str
) -> ContactRequest:
    """A recruiter of a verified `org` asks an open-to-work member to talk.

    The member's email is never shown; they accept (a private conversation
    opens) or decline. Refused when `org` may not see the member at all.
    """
    if not org.is_recruiter(recruiter) or not org.is_verified:
        raise PermissionDenied(_("Only recruiters of verified organisations may contact members."))
    if not TalentProfile.objects.visible_to_org(org).filter(user=member).exists():
        raise PermissionDenied(_("This member is not open to work for your organisation."))
    if not message.strip():
        raise ValidationError({"message": _("Write a message.")})
    if len(message) > 3000:
        raise ValidationError({"message": _("Keep the message under 3,000 characters.")})
    try:
        with transaction.atomic():
            contact = ContactRequest.objects.create(
                org=org, recruiter=recruiter, member=member, message=message.strip()
            )
    except IntegrityError:
        raise ValidationError(
            _("Your organisation is already waiting for this member's answer.")
        ) from None
    notify(
        recipient=member,
        kind=kinds.RECRUITER_CONTACT,
        actor=recruiter,
        target=contact,
        data={"org_name": org.name_en},
    )
    return contact


def answer_contact(*, contact: ContactRequest, member: User, accept: bool) -> ContactRequest:
    """The member accepts (a conversation with the recruiter opens, starting
    with their message) or declines; the recruiter is told either way."""
    if contact.member_id != member.pk:
        raise PermissionDenied
    if contact.status != ContactStatus.PENDING:
        raise ValidationError(_("You have already answered this request."))
    with transaction.atomic():
        if accept:
            contact.conversation = start_conversation(
                starter=contact.recruiter,
                recipients=[member],
                body=contact.message,
                title=contact.org.name_en,
            )
        contact.status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
        contact.answered_at = timezone.now()
        contact.save(update_fields=["status", "conversation", "answered_at"])
    notify(
        recipient=contact.recruiter,
        kind=kinds.CONTACT_ANSWER,
        actor=member,
        target=contact.conversation if accept else None,
        data={"accepted": accept, "org_name": contact.org.name_en},
    )
    return contact
