from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.spaces import services
from deepcommons.spaces.models import Space, Tag, TagSynonym, TagWikiRevision


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin[Space]):
    list_display = ["slug", "name_en", "name_zh", "language", "post_count"]
    filter_horizontal = ["moderators"]
    prepopulated_fields = {"slug": ["name_en"]}


class TagSynonymForm(forms.ModelForm[TagSynonym]):
    """The same checks as the site's synonym form (services.check_synonym_name)."""

    class Meta:
        model = TagSynonym
        fields = ["name"]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        tag = self.instance.tag if self.instance.tag_id else None
        if self.instance.pk and name == self.instance.name:
            return name
        if tag is None:
            # A new tag's synonyms: the tag does not exist yet, so only the name is checked.
            tag = Tag(name="")
        return services.check_synonym_name(name, tag=tag)


class TagSynonymInline(admin.TabularInline[TagSynonym, Tag]):
    model = TagSynonym
    form = TagSynonymForm
    extra = 1


class TagWikiRevisionInline(admin.TabularInline[TagWikiRevision, Tag]):
    model = TagWikiRevision
    fields = ["number", "author", "created_at", "note"]
    readonly_fields = ["number", "author", "created_at", "note"]
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TagAdminForm(forms.ModelForm[Tag]):
    class Meta:
        model = Tag
        fields = ["name", "description", "wiki"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            services.clean_tag_wiki(
                description=data.get("description") or "", wiki=data.get("wiki") or "", note=""
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                for error in errors:
                    self.add_error(field, error)
        return data


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    form = TagAdminForm
    list_display = ["name", "usage_count"]
    search_fields = ["name"]
    inlines = [TagSynonymInline, TagWikiRevisionInline]

    def save_model(self, request: HttpRequest, obj: Tag, form: Any, change: bool) -> None:
        """The excerpt and wiki go through services.update_tag_wiki, as on the site,
        so the wiki is rendered and the edit kept as a revision."""
        user = request.user
        assert isinstance(user, User)  # the admin is for signed-in staff only
        values = services.clean_tag_wiki(description=obj.description, wiki=obj.wiki, note="")
        if change:
            stored = Tag.objects.values_list("description", "wiki").get(pk=obj.pk)
        else:
            stored = ("", "")
        obj.description, obj.wiki = stored
        super().save_model(request, obj, form, change)
        if (values["description"], values["wiki"]) != stored:
            services.update_tag_wiki(
                tag=obj,
                by=user,
                description=values["description"],
                wiki=values["wiki"],
                note=_("Edited in the admin"),
            )
