"""The admin shows organisations and their rows; writes that have rules
(verification, the sponsored cap, the last owner) go through the pages."""

from django.contrib import admin

from deepcommons.orgs.models import (
    Organisation,
    OrgInvitation,
    OrgMembership,
    OrgPost,
    OrgPromotionPolicy,
    VerificationRequest,
)


class MembershipInline(admin.TabularInline):
    model = OrgMembership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_zh", "slug", "kind", "verified_at", "follower_count")
    list_filter = ("kind",)
    search_fields = ("name_en", "name_zh", "slug", "email_domain")
    raw_id_fields = ("created_by", "verified_by")
    readonly_fields = ("verified_at", "verified_by", "follower_count")
    inlines = [MembershipInline]


@admin.register(OrgInvitation)
class OrgInvitationAdmin(admin.ModelAdmin):
    list_display = ("org", "user", "role", "status", "created_at")
    list_filter = ("status", "role")
    raw_id_fields = ("org", "user", "invited_by")


@admin.register(VerificationRequest)
class VerificationRequestAdmin(admin.ModelAdmin):
    list_display = ("org", "email", "status", "created_at", "confirmed_at", "reviewed_at")
    list_filter = ("status",)
    raw_id_fields = ("org", "requested_by", "reviewed_by")
    readonly_fields = ("status", "confirmed_at", "reviewed_at", "reviewed_by")


@admin.register(OrgPost)
class OrgPostAdmin(admin.ModelAdmin):
    list_display = ("title", "org", "kind", "sponsored", "created_at", "deleted_at")
    list_filter = ("kind", "sponsored")
    search_fields = ("title",)
    raw_id_fields = ("org", "author")


@admin.register(OrgPromotionPolicy)
class OrgPromotionPolicyAdmin(admin.ModelAdmin):
    list_display = ("max_sponsored_per_30_days", "updated_at", "updated_by")
    raw_id_fields = ("updated_by",)
