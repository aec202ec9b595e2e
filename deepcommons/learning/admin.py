from django.contrib import admin

from deepcommons.learning.models import (
    Enrolment,
    Notebook,
    Path,
    QuizChoice,
    QuizQuestion,
    Step,
)


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ("position", "kind", "title", "post", "url", "resource_kind", "minutes")
    raw_id_fields = ("post",)


@admin.register(Path)
class PathAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "space",
        "difficulty",
        "step_count",
        "completion_count",
        "is_published",
    )
    list_filter = ("is_published", "difficulty", "space")
    search_fields = ("title",)
    raw_id_fields = ("author",)
    filter_horizontal = ("prerequisites",)
    inlines = [StepInline]


class QuizChoiceInline(admin.TabularInline):
    model = QuizChoice
    extra = 0


@admin.register(QuizQuestion)
class QuizQuestionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "step", "kind")
    raw_id_fields = ("step",)
    inlines = [QuizChoiceInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("user", "path", "enrolled_at", "completed_at")
    raw_id_fields = ("user", "path")
    readonly_fields = ("certificate_id",)


@admin.register(Notebook)
class NotebookAdmin(admin.ModelAdmin):
    list_display = ("title", "post", "uploaded_by", "size", "created_at")
    raw_id_fields = ("post", "uploaded_by")
    readonly_fields = ("size", "cell_count", "rendered_html")
