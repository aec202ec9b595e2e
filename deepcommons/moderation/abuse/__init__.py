"""Anti-abuse: rate limits, new-member content limits, spam scores, serial voting.

`setup()` is called from `ModerationConfig.ready()` and registers what the
package adds to lower apps' registries. The rate limits need no registration:
`abuse.middleware.RateLimitMiddleware` is listed in `settings.MIDDLEWARE`.
"""

from __future__ import annotations


def setup() -> None:
    """Register the anti-abuse screens with the apps below moderation."""
