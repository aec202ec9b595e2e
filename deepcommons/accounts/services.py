"""Writes about accounts: profiles, avatars, tokens, export and deletion."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from deepcommons.accounts.models import PROFILE_FIELDS, ApiToken, User, get_deleted_user
from deepcommons.core.images import process_image
from deepcommons.core.markdown import render_markdown

MEMBERS_GROUP = "Members"
MODERATORS_GROUP = "Moderators"
ADMINISTRATORS_GROUP = "Administrators"
OPERATORS_GROUP = "Operators"


# Other apps register a function that returns the JSON-able data a user owns
# in that app (posts, votes, messages…), so the export stays complete without
# accounts importing them.
_export_sections: dict[str, Callable[[User], Any]] = {}


def register_export_section(name: str, collect: Callable[[User], Any]) -> None:
    _export_sections[name] = collect


def add_to_members(*, user: User) -> None:
    group, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
    user.groups.add(group)


def set_role(*, user: User, role: str) -> None:
    """Make `user` a member, operator, moderator or administrator (staff + all permissions).

    Operators read the operations console (`/ops/`) and nothing more: they are
    not staff and moderate nothing.
    """
    groups = {
        "member": [MEMBERS_GROUP],
        "operator": [MEMBERS_GROUP, OPERATORS_GROUP],
        "moderator": [MEMBERS_GROUP, MODERATORS_GROUP],
        "administrator": [MEMBERS_GROUP, MODERATORS_GROUP, ADMINISTRATORS_GROUP],
    }[role]
    with transaction.atomic():
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
        user.is_staff = role in ("moderator", "administrator")
        user.is_superuser = role == "administrator"
        user.save(update_fields=["is_staff", "is_superuser"])


def update_profile(*, user: User, data: dict[str, Any]) -> User:
    """Save cleaned profile fields and the rendered bio."""
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    user.bio_html = render_markdown(user.bio)
    user.save()
    return user


def set_avatar(*, user: User, upload: UploadedFile) -> User:
    """Validate, re-encode (WebP, 256 px square, no EXIF) and store an avatar."""
    image = process_image(
        upload,
        max_bytes=settings.AVATAR_MAX_BYTES,
        max_pixels=settings.AVATAR_MAX_PIXELS,
        square=256,
    )
    old = user.avatar.name if user.avatar else ""
    user.avatar.save("avatar.webp", image.content, save=False)
    user.save(update_fields=["avatar"])
    if old:
        user.avatar.storage.delete(old)
    return user


def remove_avatar(*, user: User) -> None:
    if user.avatar:
        user.avatar.delete(save=False)
        user.avatar = ""
        user.save(update_fields=["avatar"])


def set_preferred_language(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES):
        User.objects.filter(pk=user.pk).update(preferred_language=language)
        user.preferred_language = language


def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the plain key is returned once and never stored."""
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.hash_key(key), hint=key[:8]
    )
    return token, key


def revoke_api_token(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def authenticate_api_token(key: str) -> User | None:
    """Return the active user owning the live token `key`, or None."""
    if not key.startswith(ApiToken.PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.live()
        .select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Record use at most once a minute: a write per request would be waste.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def export_account_data(*, user: User) -> dict[str, Any]:
    """Everything the account owns, as JSON-able data (GDPR-style export)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    profile = json.loads(
        serializers.serialize(
            "json",
            [user],
            fields=("username", "email", "date_joined", "last_login", *PROFILE_FIELDS),
        )
    )[0]["fields"]
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "profile": profile,
        "avatar_url": user.avatar.url if user.avatar else None,
        "groups": list(user.groups.values_list("name", flat=True)),
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "social_accounts": [
            {"provider": a.provider, "uid": a.uid, "date_joined": a.date_joined.isoformat()}
            for a in SocialAccount.objects.filter(user=user)
        ],
        "two_factor_methods": list(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "api_tokens": [
            {
                "name": t.name,
                "hint": t.hint,
                "created_at": t.created_at.isoformat(),
                "revoked": t.is_revoked,
            }
            for t in user.api_tokens.all()
        ],
    }
    for name, collect in _export_sections.items():
        data[name] = collect(user)
    return data


def delete_account(*, user: User) -> None:
    """Remove the account and its personal data; content stays, by "deleted user".

    Content foreign keys use `on_delete=SET(get_deleted_user)`, so deleting the
    row moves authored content to the placeholder; personal rows (emails,
    tokens, social accounts, authenticators, sessions) cascade away.
    """
    if user.is_deleted_placeholder:
        raise ValueError("the placeholder account cannot be deleted")
    get_deleted_user()
    with transaction.atomic():
        if user.avatar:
            user.avatar.delete(save=False)
        user.delete()
