"""The request type of views that only signed-in members reach.

`login_required` (or an explicit check) guarantees `request.user` is a `User`,
but `HttpRequest.user` is typed `User | AnonymousUser`. Annotating such a view's
request as `AuthenticatedHttpRequest` states the guarantee once, instead of a
cast at every use.
"""

from __future__ import annotations

from django.http import HttpRequest

from deepcommons.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
