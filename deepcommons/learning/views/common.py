"""What the learning views share: loading what the viewer may see."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from deepcommons.learning.models import Enrolment, Path, Step


def visible_path(request: HttpRequest, path_id: int) -> Path:
    path = get_object_or_404(Path.objects.select_related("author", "space"), pk=path_id)
    if not path.is_visible_to(request.user):
        raise Http404
    return path


def path_steps(path: Path) -> list[Step]:
    return list(Step.objects.filter(path=path).select_related("post").order_by("position", "pk"))


def own_enrolment(user: Any, path: Path) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(path=path, user=user).first()


def path_step(path: Path, step_id: int) -> Step:
    return get_object_or_404(Step.objects.select_related("post", "path"), pk=step_id, path=path)
