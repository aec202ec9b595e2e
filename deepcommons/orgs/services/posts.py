"""Posts from an organisation, and the operators' cap on sponsored ones."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deepcommons.accounts.models import User
from deepcommons.core.markdown import render_markdown
from deepcommons.orgs.models import Organisation, OrgPost, OrgPostKind, OrgPromotionPolicy
from deepcommons.orgs.pagecache import org_changed

PROMOTION_WINDOW = timedelta(days=30)


def sponsored_left(org: Organisation, *, now: object = None) -> int:
    """How many more sponsored posts `org` may publish in the current 30-day window."""
    policy = OrgPromotionPolicy.current()
    since = (now or timezone.now()) - PROMOTION_WINDOW  # type: ignore[operator]
    used = OrgPost.objects.sponsored_since(org, since).count()
    return max(policy.max_sponsored_per_30_days - used, 0)


@transaction.atomic
def publish_org_post(
    *, org: Organisation, by: User, kind: str, title: str, body: str, sponsored: bool = False
) -> OrgPost:
    """Publish as the organisation (managers only). Sponsored posts count
    against the operators' cap over the last 30 days; deleting one does not
    give its slot back (the promotion was shown)."""
    if not org.can_manage(by):
        raise PermissionDenied
    if getattr(by, "is_silenced", False):
        raise PermissionDenied(_("You cannot do this while your account is silenced."))
    errors: dict[str, str] = {}
    if kind not in OrgPostKind.values:
        errors["kind"] = _("Choose a valid kind.")
    if not title.strip():
        errors["title"] = _("Give the post a title.")
    if not body.strip():
        errors["body"] = _("Write the post.")
    if errors:
        raise ValidationError(errors)
    if sponsored:
        # Lock the organisation so two sponsored posts cannot both take the last slot.
        Organisation.objects.select_for_update().filter(pk=org.pk).first()
        policy = OrgPromotionPolicy.current()
        since = timezone.now() - PROMOTION_WINDOW
        used = OrgPost.objects.sponsored_since(org, since).count()
        if used >= policy.max_sponsored_per_30_days:
            raise ValidationError(
                {
                    "sponsored": ngettext(
                        "The operators allow %(count)d sponsored post per organisation "
                        "every 30 days, and this one has used it.",
                        "The operators allow %(count)d sponsored posts per organisation "
                        "every 30 days, and this one has used them.",
                        policy.max_sponsored_per_30_days,
                    )
                    % {"count": policy.max_sponsored_per_30_days}
                }
            )
    post = OrgPost.objects.create(
        org=org,
        author=by,
        kind=kind,
        title=title.strip()[:200],
        body=body,
        body_html=render_markdown(body),
        sponsored=sponsored,
    )
    org_changed(org.pk)
    return post


@transaction.atomic
def delete_org_post(*, post: OrgPost, by: User) -> None:
    if not post.org.can_manage(by):
        raise PermissionDenied
    OrgPost.objects.filter(pk=post.pk).update(deleted_at=timezone.now())
    org_changed(post.org_id)


@transaction.atomic
def set_promotion_policy(*, by: User, max_sponsored_per_30_days: int) -> OrgPromotionPolicy:
    if not by.is_operator:
        raise PermissionDenied
    if not 0 <= max_sponsored_per_30_days <= 100:
        raise ValidationError({"max_sponsored_per_30_days": _("Enter a number from 0 to 100.")})
    policy = OrgPromotionPolicy.current()
    policy.max_sponsored_per_30_days = max_sponsored_per_30_days
    policy.updated_at = timezone.now()
    policy.updated_by = by
    policy.save()
    return policy
