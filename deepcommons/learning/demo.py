"""Demo learning paths: curated routes per space through the demo's own
tutorials, articles and questions, with outside resources and a quiz; a few
members enrolled part-way and one who completed a path (with its
certificate). Idempotent: paths are found again by title."""

from __future__ import annotations

from typing import Any

from deepcommons.accounts.models import User
from deepcommons.learning import services
from deepcommons.learning.models import Enrolment, Path, Step, StepKind
from deepcommons.learning.services import PathInput, QuizQuestionInput, StepInput
from deepcommons.posts.models import Kind, Post, Status
from deepcommons.spaces.models import Space

RESOURCES: dict[str, list[tuple[str, str, str, int]]] = {
    "linear": [
        (
            "Dive into Deep Learning: Linear Neural Networks",
            "https://d2l.ai/chapter_linear-regression/index.html",
            "book",
            90,
        ),
        (
            "Stanford CS229: Linear regression and gradient descent",
            "https://www.youtube.com/watch?v=4b4MUYve_U8",
            "video",
            80,
        ),
        (
            "The Annotated Transformer",
            "https://nlp.seas.harvard.edu/annotated-transformer/",
            "book",
            120,
        ),
        (
            "PyTorch: nn.Transformer",
            "https://pytorch.org/docs/stable/generated/torch.nn.Transformer.html",
            "docs",
            30,
        ),
    ],
    "cuda": [
        (
            "CUDA C++ Programming Guide: Programming Model",
            "https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#programming-model",
            "docs",
            60,
        ),
        ("PyTorch: CUDA semantics", "https://pytorch.org/docs/stable/notes/cuda.html", "docs", 40),
        (
            "Programming Massively Parallel Processors, ch. 2-4",
            "https://www.elsevier.com/books/programming-massively-parallel-processors/hwu/978-0-323-91231-0",
            "book",
            180,
        ),
    ],
}


def _author() -> User | None:
    return (
        User.objects.filter(groups__name__in=["Moderators", "Administrators"]).first()
        or User.objects.filter(is_superuser=True).first()
    )


def _posts(kinds: tuple[str, ...], space: Space | None, n: int) -> list[Post]:
    live = Post.objects.filter(kind__in=kinds, status=Status.PUBLISHED, deleted_at__isnull=True)
    found = list(live.filter(space=space).order_by("-score", "pk")[:n]) if space else []
    if len(found) < n:
        found += list(
            live.exclude(pk__in=[p.pk for p in found]).order_by("-score", "pk")[: n - len(found)]
        )
    return found


def _build_path(
    *, author: User, title: str, summary: str, difficulty: str, space: Space | None, key: str
) -> Path:
    existing = Path.objects.filter(title=title).first()
    if existing is not None:
        return existing
    path = services.create_path(
        author=author,
        data=PathInput(title=title, summary=summary, difficulty=difficulty, space=space),
    )
    resources = RESOURCES[key]
    reading = _posts((Kind.TUTORIAL, Kind.ARTICLE), space, 3)
    questions = _posts((Kind.QUESTION,), space, 1)
    steps: list[StepInput] = [
        StepInput(kind=StepKind.RESOURCE, title=t, url=u, resource_kind=k, minutes=m)
        for t, u, k, m in resources[:2]
    ]
    steps += [
        StepInput(kind=StepKind.POST, post_id=p.pk, minutes=p.reading_minutes or 10)
        for p in reading
    ]
    steps += [StepInput(kind=StepKind.QUESTION, post_id=q.pk, minutes=30) for q in questions]
    steps += [
        StepInput(kind=StepKind.RESOURCE, title=t, url=u, resource_kind=k, minutes=m)
        for t, u, k, m in resources[2:]
    ]
    for data in steps:
        services.add_step(path=path, by=author, data=data)
    quiz = services.add_step(
        path=path,
        by=author,
        data=StepInput(kind=StepKind.QUIZ, title="Checkpoint", minutes=15, pass_percent=60),
    )
    if key == "linear":
        services.add_quiz_question(
            step=quiz,
            by=author,
            data=QuizQuestionInput(
                kind="single",
                prompt="Which loss does ordinary least squares minimise?",
                choices=[
                    ("Mean squared error", True),
                    ("Cross-entropy", False),
                    ("Hinge loss", False),
                ],
                explanation="OLS minimises the sum of squared residuals.",
            ),
        )
        services.add_quiz_question(
            step=quiz,
            by=author,
            data=QuizQuestionInput(
                kind="multiple",
                prompt="Which parts does a Transformer encoder layer have?",
                choices=[
                    ("Multi-head self-attention", True),
                    ("A position-wise feed-forward network", True),
                    ("A recurrent cell", False),
                ],
            ),
        )
        services.add_quiz_question(
            step=quiz,
            by=author,
            data=QuizQuestionInput(
                kind="numeric",
                prompt="Scaled dot-product attention divides by $\\sqrt{d_k}$. "
                "For $d_k = 64$, by what?",
                numeric_answer=8,
                tolerance=0.01,
            ),
        )
    else:
        services.add_quiz_question(
            step=quiz,
            by=author,
            data=QuizQuestionInput(
                kind="single",
                prompt="How many threads are in a warp on current NVIDIA GPUs?",
                choices=[("16", False), ("32", True), ("64", False)],
            ),
        )
        services.add_quiz_question(
            step=quiz,
            by=author,
            data=QuizQuestionInput(
                kind="numeric",
                prompt="A kernel launch of 256 blocks of 128 threads runs how many threads?",
                numeric_answer=32768,
            ),
        )
    return path


def _pass(enrolment: Enrolment, step: Step, user: User) -> None:
    answers: dict[str, Any] = {}
    for question in step.quiz_questions.prefetch_related("choices"):
        if question.kind == "numeric":
            answers[str(question.pk)] = str(question.numeric_answer)
        else:
            answers[str(question.pk)] = [c.pk for c in question.choices.all() if c.is_correct]
    services.submit_quiz(enrolment=enrolment, step=step, user=user, answers=answers)


def build(stdout: Any) -> None:
    author = _author()
    if author is None:
        stdout.write("learning: no moderator to author paths; skipped")
        return
    spaces = {s.slug: s for s in Space.objects.filter(slug__in=["nlp", "mlops", "llms"])}
    linear = _build_path(
        author=author,
        title="从线性回归到 Transformer",
        summary="From linear regression and gradient descent to attention and the Transformer: "
        "the community's best tutorials, a question to answer, and a checkpoint.",
        difficulty="intermediate",
        space=spaces.get("nlp") or spaces.get("llms"),
        key="linear",
    )
    cuda = _build_path(
        author=author,
        title="CUDA for deep learning",
        summary="Threads, blocks and memory; then what PyTorch does on the GPU.",
        difficulty="advanced",
        space=spaces.get("mlops"),
        key="cuda",
    )
    services.set_prerequisites(path=cuda, by=author, prerequisites=[linear])
    members = list(
        User.objects.filter(username__in=["li_wei", "zhang_min", "ada_l", "wang_fang"]).order_by(
            "username"
        )
    )
    for i, member in enumerate(members):
        enrolment = services.enrol_in_path(path=linear, user=member)
        if enrolment.is_complete:
            continue
        steps = list(Step.objects.filter(path=linear).order_by("position"))
        # The first member finishes the path; the others are part-way.
        todo = steps if i == 0 else steps[: 1 + i]
        for step in todo:
            if step.kind == StepKind.QUIZ:
                _pass(enrolment, step, member)
            elif step.kind == StepKind.QUESTION:
                from deepcommons.posts import services as post_services

                if (
                    step.post is not None
                    and not Post.objects.filter(
                        parent=step.post, author=member, kind=Kind.ANSWER
                    ).exists()
                ):
                    post_services.create_child(
                        parent=step.post,
                        author=member,
                        body="Start from the closed form $w = (X^T X)^{-1} X^T y$, then compare "
                        "with gradient descent on the same loss.",
                    )
                services.refresh_progress(enrolment=enrolment)
            else:
                services.mark_step_done(enrolment=enrolment, step=step, user=member)
    done = Enrolment.objects.completed().count()
    stdout.write(f"learning: {Path.objects.count()} paths, {done} completed enrolments")
