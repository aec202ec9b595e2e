"""What each role may do in the admin, as Django permissions on the role groups.

Members and Operators have no admin permissions (operators read the
operations console, `User.is_operator`). Administrators are superusers (see
services.set_role). Moderators get the permissions that apps register here
in their AppConfig.ready(), e.g. ``register_moderator_permissions("posts.delete_post")``;
the Moderators group is brought in line after every ``migrate``.
"""

from __future__ import annotations

from typing import Any

_moderator_permissions: set[str] = {"accounts.view_user"}


def register_moderator_permissions(*permissions: str) -> None:
    """Grant moderators these "app_label.codename" permissions."""
    _moderator_permissions.update(permissions)


def moderator_permissions() -> frozenset[str]:
    return frozenset(_moderator_permissions)


def sync_role_permissions(**_signal_kwargs: Any) -> None:
    """Make sure the role groups exist; give Moderators exactly the registered permissions."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    wanted = Q(pk__in=[])
    for name in _moderator_permissions:
        app_label, _, codename = name.partition(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    for name in ("Members", "Operators", "Administrators"):
        Group.objects.get_or_create(name=name)
    group, _created = Group.objects.get_or_create(name="Moderators")
    group.permissions.set(Permission.objects.filter(wanted))
