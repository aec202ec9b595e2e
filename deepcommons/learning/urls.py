from django.urls import path

from deepcommons.learning.views import authoring, notebooks, paths

app_name = "learning"

urlpatterns = [
    path("", paths.path_list, name="path-list"),
    path("paths/new/", authoring.path_create, name="path-create"),
    path("paths/<int:path_id>/", paths.path_detail, name="path-detail"),
    path("paths/<int:path_id>/enrol/", paths.path_enrol, name="path-enrol"),
    path("paths/<int:path_id>/leave/", paths.path_leave, name="path-leave"),
    path("paths/<int:path_id>/edit/", authoring.path_edit, name="path-edit"),
    path("paths/<int:path_id>/steps/add/", authoring.step_add, name="step-add"),
    path("paths/<int:path_id>/steps/<int:step_id>/done/", paths.step_done, name="step-done"),
    path("paths/<int:path_id>/steps/<int:step_id>/quiz/", paths.quiz, name="quiz"),
    path("steps/<int:step_id>/move/", authoring.step_move, name="step-move"),
    path("steps/<int:step_id>/remove/", authoring.step_remove, name="step-remove"),
    path("steps/<int:step_id>/questions/", authoring.quiz_edit, name="quiz-edit"),
    path(
        "questions/<int:question_id>/remove/",
        authoring.quiz_question_remove,
        name="quiz-question-remove",
    ),
    path("certificates/<uuid:certificate_id>/", paths.certificate, name="certificate"),
    path("notebooks/new/", notebooks.notebook_create, name="notebook-create"),
    path("notebooks/<int:notebook_id>/", notebooks.notebook_detail, name="notebook-detail"),
    path(
        "notebooks/<int:notebook_id>/download/",
        notebooks.notebook_download,
        name="notebook-download",
    ),
    path("notebooks/<int:notebook_id>/delete/", notebooks.notebook_delete, name="notebook-delete"),
]
