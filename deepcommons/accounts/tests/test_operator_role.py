"""The operator role: reads the operations console, is not staff, moderates nothing."""

from __future__ import annotations

import pytest

from deepcommons.accounts.services import set_role
from deepcommons.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "operator", "staff"),
    [
        ("member", False, False),
        ("operator", True, False),
        ("moderator", False, True),
        ("administrator", True, True),
    ],
)
def test_each_role_says_whether_it_is_an_operator(role: str, operator: bool, staff: bool) -> None:
    user = UserFactory.create()
    set_role(user=user, role=role)
    fresh = type(user).objects.get(pk=user.pk)
    assert fresh.is_operator is operator
    assert fresh.is_staff is staff
    assert fresh.is_moderator is (role in ("moderator", "administrator"))


def test_a_deactivated_operator_is_not_an_operator() -> None:
    user = UserFactory.create()
    set_role(user=user, role="operator")
    user.is_active = False
    user.save()
    assert type(user).objects.get(pk=user.pk).is_operator is False
