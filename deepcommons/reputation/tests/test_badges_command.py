"""`manage.py reputation badges` and the badge task run award_badges."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from deepcommons.accounts.models import User
from deepcommons.posts.tests.factories import make_question
from deepcommons.reputation.tasks import award_badges_task
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


def test_the_command_and_the_task_run_the_award(
    alice: User, capsys: pytest.CaptureFixture[str]
) -> None:
    Tag.objects.get_or_create(name="pytorch")
    make_question(author=alice)
    call_command("reputation", "badges", "student")
    assert "1 badges awarded." in capsys.readouterr().out
    assert award_badges_task.call() == 0
    with pytest.raises(CommandError):
        call_command("reputation", "badges", "nope")
