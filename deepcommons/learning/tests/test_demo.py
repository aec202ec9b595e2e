"""The learning demo: curated paths, enrolments part-way, one certificate; idempotent."""

from __future__ import annotations

import io

import pytest

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.learning import demo
from deepcommons.learning.models import Enrolment, Path, StepKind
from deepcommons.moderation.tests.factories import make_moderator
from deepcommons.posts.models import Kind
from deepcommons.posts.tests.factories import make_post, make_question
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


def test_the_demo_builds_paths_with_progress_once() -> None:
    Tag.objects.get_or_create(name="pytorch")
    make_moderator(UserFactory.create(username="mod_demo"))
    writer = UserFactory.create(username="writer")
    for name in ("li_wei", "zhang_min", "ada_l"):
        UserFactory.create(username=name)
    make_post(Kind.TUTORIAL, author=writer, title="Linear regression from scratch")
    make_question(author=writer, title="Why scale attention by sqrt(d_k)?")
    demo.build(io.StringIO())
    linear = Path.objects.get(title="从线性回归到 Transformer")
    cuda = Path.objects.get(title="CUDA for deep learning")
    assert list(cuda.prerequisites.all()) == [linear]
    kinds = set(linear.steps.values_list("kind", flat=True))
    assert {StepKind.RESOURCE, StepKind.POST, StepKind.QUESTION, StepKind.QUIZ} <= kinds
    assert Enrolment.objects.completed().filter(path=linear).count() == 1
    assert Enrolment.objects.filter(path=linear, completed_at__isnull=True).count() == 2
    before = (Path.objects.count(), linear.steps.count(), Enrolment.objects.count())
    demo.build(io.StringIO())
    linear.refresh_from_db()
    assert (Path.objects.count(), linear.steps.count(), Enrolment.objects.count()) == before
    assert linear.completion_count == 1


def test_the_demo_skips_without_a_moderator() -> None:
    out = io.StringIO()
    demo.build(out)
    assert "skipped" in out.getvalue() and not Path.objects.exists()
