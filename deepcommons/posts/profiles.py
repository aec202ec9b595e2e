"""What posts adds to profiles and the members directory (see accounts.profiles):
the Questions, Answers and Articles tabs, each member's figures, and the top
posts and answers on the Summary tab."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, npgettext

from deepcommons.accounts.models import User
from deepcommons.accounts.profiles import (
    Stat,
    register_profile_stats,
    register_profile_summary,
    register_profile_tab,
)
from deepcommons.posts.models import Post

# Tab key → (label, the kinds it lists). Articles holds tutorials too: both
# are long-form writing, and a member rarely has enough of each for two tabs.
PROFILE_TABS = {
    "questions": (_("Questions"), ["question"]),
    "answers": (_("Answers"), ["answer"]),
    "articles": (_("Articles"), ["article", "tutorial"]),
}


def member_stats(users: Sequence[User]) -> dict[int, list[Stat]]:
    """Each member's published, live activity (one query for any number of members)."""
    activity = Post.objects.activity_by_author([user.pk for user in users])
    result: dict[int, list[Stat]] = {}
    for user in users:
        counts = activity[user.pk]

        def tab(key: str, user: User = user) -> str:
            return reverse(f"posts:profile-{key}", args=[user.username])

        result[user.pk] = [
            Stat(
                "questions",
                counts["questions"],
                ngettext("question", "questions", counts["questions"]),
                tab("questions"),
            ),
            Stat(
                "answers",
                counts["answers"],
                ngettext("answer", "answers", counts["answers"]),
                tab("answers"),
            ),
            Stat(
                "accepted",
                counts["accepted"],
                ngettext("accepted answer", "accepted answers", counts["accepted"]),
            ),
            Stat(
                "articles",
                counts["articles"],
                ngettext("article or tutorial", "articles and tutorials", counts["articles"]),
                tab("articles"),
            ),
            Stat(
                "score",
                counts["score"],
                npgettext("profile figure", "vote", "votes", abs(counts["score"])),
            ),
        ]
    return result


SUMMARY_ROWS = 5


def summary_html(request: HttpRequest, profile: User) -> str:
    """The member's top posts and top answers that the viewer may see, for the
    Summary tab (four queries however many posts they have)."""
    from deepcommons.posts.views.common import visible_posts

    visible = visible_posts(request)
    mine = visible.filter(author=profile).published()
    top_posts = mine.of_kind("question", "article", "tutorial").for_list().top()[:SUMMARY_ROWS]
    # Answers have no tags or space of their own: only their question's title.
    top_answers = (
        mine.of_kind("answer")
        .under(visible)
        .defer("body", "body_html", "parent__body", "parent__body_html")
        .top()[:SUMMARY_ROWS]
    )
    context = {"profile": profile, "top_posts": top_posts, "top_answers": top_answers}
    return render_to_string("posts/profile_summary.html", context, request=request)


def register() -> None:
    for order, (key, (label, _kinds)) in enumerate(PROFILE_TABS.items(), start=10):
        register_profile_tab(key, label, f"posts:profile-{key}", order=order)
    register_profile_stats(member_stats)
    register_profile_summary("posts", summary_html, order=10)
