from django.contrib import admin

from deepcommons.spaces.models import Space, Tag, TagSynonym


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin[Space]):
    list_display = ["slug", "name_en", "name_zh", "language", "post_count"]
    filter_horizontal = ["moderators"]
    prepopulated_fields = {"slug": ["name_en"]}


class TagSynonymInline(admin.TabularInline[TagSynonym, Tag]):
    model = TagSynonym
    extra = 1


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ["name", "usage_count"]
    search_fields = ["name"]
    inlines = [TagSynonymInline]
