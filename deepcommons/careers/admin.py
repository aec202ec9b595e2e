from django.contrib import admin

from deepcommons.careers.models import Application, ContactRequest, Job, JobAlert, TalentProfile


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "org", "state", "published_at", "expires_at"]
    list_filter = ["state", "role", "workplace"]
    search_fields = ["title", "org__name_en"]
    raw_id_fields = ["org", "posted_by"]
    filter_horizontal = ["skills"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    # No CV link here: CVs are read only through the recruiters' checked view.
    list_display = ["job", "applicant", "stage", "created_at"]
    list_filter = ["stage"]
    raw_id_fields = ["job", "applicant"]
    exclude = ["cv", "profile"]


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at"]
    raw_id_fields = ["user"]


@admin.register(TalentProfile)
class TalentProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "open_to_work", "visibility", "updated_at"]
    raw_id_fields = ["user"]
    exclude = ["salary_expectation", "salary_currency"]


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ["org", "recruiter", "member", "status", "created_at"]
    raw_id_fields = ["org", "recruiter", "member", "conversation"]
