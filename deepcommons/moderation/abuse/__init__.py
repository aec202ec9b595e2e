"""Anti-abuse: rate limits, new-member content limits, spam scores, serial voting.

`setup()` is called from `ModerationConfig.ready()` and registers the two
posts screens (posts.screening): the content limits, which refuse, and the
spam score, which holds. The rate limits need no registration:
`abuse.middleware.RateLimitMiddleware` is listed in `settings.MIDDLEWARE`.
"""

from __future__ import annotations


def setup() -> None:
    """Register the anti-abuse screens with posts (refusals before holds)."""
    from deepcommons.moderation.abuse.limits import screen_content_limits
    from deepcommons.moderation.abuse.spam import screen_spam
    from deepcommons.posts.screening import register_screen

    register_screen(screen_content_limits)
    register_screen(screen_spam)
