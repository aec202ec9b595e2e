from __future__ import annotations

from typing import Any

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.spaces.moderation import NO_POWERS, moderator_powers
from deepcommons.spaces.tests.factories import SpaceFactory


def test_powers_of_members_space_moderators_and_site_moderators(
    alice: User, bob: User, charlie: User, django_assert_num_queries: Any
) -> None:
    cv, nlp = SpaceFactory(slug="cv"), SpaceFactory(slug="nlp")
    cv.moderators.add(charlie)
    nlp.moderators.add(charlie)
    set_role(user=alice, role="moderator")
    with django_assert_num_queries(1):
        powers = moderator_powers(charlie)
    assert not powers.site and powers.space_ids == {cv.pk, nlp.pk}
    assert powers.covers(cv.pk) and not powers.covers(None)
    with django_assert_num_queries(1):
        assert moderator_powers(bob) == NO_POWERS
    with django_assert_num_queries(1):
        site = moderator_powers(alice)
    assert site.site and site.covers(None) and site.covers(cv.pk)
    # Same rule as User.is_moderator.
    assert alice.is_moderator and not charlie.is_moderator


def test_superusers_and_anonymous_need_no_query(
    alice: User, django_assert_num_queries: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser

    alice.is_superuser = True
    with django_assert_num_queries(0):
        assert moderator_powers(alice).site
        assert moderator_powers(AnonymousUser()) == NO_POWERS
