from django.urls import path

from deepcommons.competitions.views import host, pages, submissions, teams

app_name = "competitions"

urlpatterns = [
    path("", pages.competition_list, name="competition-list"),
    path("new/", host.competition_create, name="competition-create"),
    path("<slug:slug>/", pages.competition_detail, name="competition-detail"),
    path("<slug:slug>/rules/", pages.competition_rules, name="competition-rules"),
    path("<slug:slug>/leaderboard/", pages.leaderboard, name="leaderboard"),
    path("<slug:slug>/data/<int:file_id>/", pages.data_download, name="data-download"),
    path("<slug:slug>/writeups/", pages.writeup_add, name="writeup-add"),
    path("<slug:slug>/submit/", submissions.submission_create, name="submission-create"),
    path("<slug:slug>/submissions/", submissions.submission_list, name="submission-list"),
    path(
        "<slug:slug>/submissions/<int:submission_id>/select/",
        submissions.submission_select,
        name="submission-select",
    ),
    path("<slug:slug>/team/", teams.team_detail, name="team-detail"),
    path("<slug:slug>/team/rename/", teams.team_rename, name="team-rename"),
    path("<slug:slug>/team/invite/", teams.team_invite, name="team-invite"),
    path(
        "<slug:slug>/team/requests/<int:request_id>/<str:answer>/",
        teams.merge_answer,
        name="merge-answer",
    ),
    path("<slug:slug>/edit/", host.competition_edit, name="competition-edit"),
    path("<slug:slug>/host/", host.competition_host, name="competition-host"),
    path("<slug:slug>/host/data/", host.data_upload, name="data-upload"),
    path("<slug:slug>/host/data/<int:file_id>/delete/", host.data_delete, name="data-delete"),
    path("<slug:slug>/host/solution/", host.solution_upload, name="solution-upload"),
    path("<slug:slug>/host/solution.csv", host.solution_download, name="solution-download"),
    path("<slug:slug>/host/announce/", host.announcement_create, name="announcement-create"),
    path("<slug:slug>/host/finalize/", host.competition_finalize, name="competition-finalize"),
]
