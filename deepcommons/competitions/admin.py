from django.contrib import admin

from deepcommons.competitions.models import (
    Announcement,
    Competition,
    DataFile,
    Standing,
    Submission,
    Team,
    TeamMembership,
    WriteUp,
)


class DataFileInline(admin.TabularInline[DataFile, Competition]):
    model = DataFile
    extra = 0
    fields = ["filename", "description", "size", "uploaded_at"]
    readonly_fields = ["filename", "size", "uploaded_at"]


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin[Competition]):
    """Edit texts and limits here; data, solutions and announcements go through the
    host pages so their checks (and rendering) run."""

    list_display = ["title", "slug", "metric", "starts_at", "ends_at", "finalized_at"]
    list_filter = ["metric"]
    search_fields = ["title", "slug"]
    raw_id_fields = ["created_by", "discussion_tag"]
    filter_horizontal = ["hosts"]
    readonly_fields = ["solution", "solution_rows", "finalized_at"]
    inlines = [DataFileInline]


class MembershipInline(admin.TabularInline[TeamMembership, Team]):
    model = TeamMembership
    extra = 0
    raw_id_fields = ["user", "competition"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ["name", "competition", "leader", "created_at"]
    list_filter = ["competition"]
    search_fields = ["name"]
    raw_id_fields = ["leader"]
    inlines = [MembershipInline]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin[Submission]):
    # Private scores stay out of sight until the end, in the admin too.
    list_display = [
        "id",
        "competition",
        "team",
        "status",
        "public_score",
        "created_at",
    ]
    list_filter = ["status", "competition"]
    raw_id_fields = ["team", "submitted_by"]
    readonly_fields = [
        "file",
        "sha256",
        "public_score",
        "error_code",
        "error_message",
    ]
    exclude = ["private_score"]


admin.site.register(Announcement)
admin.site.register(WriteUp)
admin.site.register(Standing)
