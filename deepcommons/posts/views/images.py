"""The editors' image upload (`static/posts/js/image-upload.js` posts here)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.posts import services


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"message": message}, status=status)


@require_POST
def image_upload(request: HttpRequest) -> JsonResponse:
    """JSON `{url, markdown, width, height}`, or `{message}` with 400/401/403/429.

    A JSON 401 rather than the login redirect: the caller is a script, and
    the editor shows the message next to the text instead of losing it.
    """
    if not request.user.is_authenticated:
        return _error(_("Sign in to upload images."), 401)
    upload = request.FILES.get("image")
    if upload is None:
        return _error(_("Choose an image to upload."), 400)
    try:
        image = services.upload_image(user=request.user, file=upload)  # type: ignore[arg-type]
    except PermissionDenied:
        return _error(_("You cannot upload images."), 403)
    except services.ImageUploadThrottled as exc:
        response = _error(exc.message, 429)
        response["Retry-After"] = str(exc.retry_after)
        return response
    except ValidationError as exc:
        return _error(exc.messages[0], 400)
    return JsonResponse(
        {
            "url": image.url,
            "markdown": services.image_markdown(image=image, filename=upload.name or ""),
            "width": image.width,
            "height": image.height,
        }
    )
