from django.urls import path

from deepcommons.careers.views import alerts, applications, jobs, talent

app_name = "careers"

urlpatterns = [
    path("", jobs.job_list, name="job-list"),
    path("manage/", jobs.job_manage, name="job-manage"),
    path("new/", jobs.job_create_choose, name="job-create-choose"),
    path("new/<slug:org_slug>/", jobs.job_create, name="job-create"),
    path("<int:job_id>/", jobs.job_detail, name="job-detail"),
    path("<int:job_id>/edit/", jobs.job_edit, name="job-edit"),
    path("<int:job_id>/publish/", jobs.job_publish, name="job-publish"),
    path("<int:job_id>/renew/", jobs.job_renew, name="job-renew"),
    path("<int:job_id>/end/", jobs.job_end, name="job-end"),
    path("<int:job_id>/apply/", applications.job_apply, name="job-apply"),
    path("<int:job_id>/applications/", applications.job_pipeline, name="job-pipeline"),
    path("applications/", applications.my_applications, name="my-applications"),
    path(
        "applications/<int:application_id>/",
        applications.application_detail,
        name="application-detail",
    ),
    path(
        "applications/<int:application_id>/move/",
        applications.application_move,
        name="application-move",
    ),
    path(
        "applications/<int:application_id>/notes/",
        applications.application_note,
        name="application-note",
    ),
    path(
        "applications/<int:application_id>/cv/", applications.application_cv, name="application-cv"
    ),
    path("alerts/", alerts.alert_list, name="alert-list"),
    path("alerts/<int:alert_id>/delete/", alerts.alert_delete, name="alert-delete"),
    path("talent/", talent.talent_search, name="talent-search"),
    path("talent/me/", talent.talent_settings, name="talent-settings"),
    path("talent/contacts/", talent.contact_list, name="contact-list"),
    path("talent/contacts/<int:contact_id>/answer/", talent.contact_answer, name="contact-answer"),
    path("talent/u/<str:username>/", talent.talent_detail, name="talent-detail"),
]
