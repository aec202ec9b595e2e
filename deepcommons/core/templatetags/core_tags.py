"""The site header, rendered once per member and language and then reused."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from deepcommons.core.pagecache import cached_fragment

register = template.Library()

NEXT_SLOT = "__dc_next_path__"
BELL_SLOT = "__dc_bell__"


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """`core/_site_header.html`, from the fragment cache.

    The header is the same on every page for one member, except the current
    path (the language form's `next`) and the notification bell, which are
    filled in per request; so pages pay for one cache read, not for the
    header's dozens of URL reversals and translations.
    """
    request = context["request"]
    user = context["user"]
    if user.is_authenticated:
        who: tuple[Any, ...] = (user.pk, user.username, user.name, str(user.avatar), user.is_staff)
    else:
        who = ("anonymous",)
    flat: dict[str, Any] = {str(k): v for k, v in context.flatten().items()}

    def render() -> str:
        header_context = {**flat, "next_path": NEXT_SLOT, "bell_slot": BELL_SLOT}
        return get_template("core/_site_header.html").render(header_context, request)

    html = str(cached_fragment(request, name="header", parts=who, render=render, timeout=300))
    html = html.replace(NEXT_SLOT, escape(request.get_full_path()))
    if BELL_SLOT in html:
        bell = get_template("social/_bell.html").render(flat, request)
        html = html.replace(BELL_SLOT, bell)
    return mark_safe(html)


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str, parts: list[Any]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context: template.Context) -> str:
        parts = tuple(part.resolve(context) for part in self.parts)
        return cached_fragment(
            context["request"],
            name=self.name,
            parts=parts,
            render=lambda: self.nodelist.render(context),
        )


@register.tag("shared")
def shared_fragment(parser: template.base.Parser, token: template.base.Token) -> SharedFragmentNode:
    """`{% shared "name" key1 key2 … %}…{% endshared %}`: HTML rendered once per key.

    Like Django's `{% cache %}`, but CSRF tokens inside are stored as a
    placeholder and filled per request (`core.pagecache`), so forms can be
    shared between members. The keys must hold everything the block shows.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% shared %} needs a name")
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return SharedFragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
