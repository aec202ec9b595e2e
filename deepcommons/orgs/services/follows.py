"""Following an organisation: social's Follow row plus the page's follower count."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from deepcommons.accounts.models import User
from deepcommons.orgs.models import Organisation
from deepcommons.orgs.pagecache import org_changed
from deepcommons.social.models import Follow
from deepcommons.social.services import follows as social_follows


@transaction.atomic
def follow_org(*, user: User, org: Organisation) -> bool:
    """Follow; True when it is new. The count moves only on a real change; the
    organisation row is locked so a double click counts once."""
    Organisation.objects.select_for_update().filter(pk=org.pk).first()
    if Follow.objects.is_following(user=user, target=org):
        return False
    social_follows.follow(user=user, target=org)
    Organisation.objects.filter(pk=org.pk).update(follower_count=F("follower_count") + 1)
    org.refresh_from_db(fields=["follower_count"])
    org_changed(org.pk)
    return True


@transaction.atomic
def unfollow_org(*, user: User, org: Organisation) -> bool:
    Organisation.objects.select_for_update().filter(pk=org.pk).first()
    if not social_follows.unfollow(user=user, target=org):
        return False
    Organisation.objects.filter(pk=org.pk, follower_count__gt=0).update(
        follower_count=F("follower_count") - 1
    )
    org.refresh_from_db(fields=["follower_count"])
    org_changed(org.pk)
    return True
