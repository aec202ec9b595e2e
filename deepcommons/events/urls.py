from django.urls import path

from deepcommons.events.views import attendees, calendar, feedback, manage, pages, rsvp

app_name = "events"

urlpatterns = [
    path("", pages.event_list, name="event-list"),
    path("past/", pages.event_past, name="event-past"),
    path("mine/", pages.my_events, name="my-events"),
    path("new/", manage.event_create, name="event-create"),
    path("<int:event_id>/", pages.event_detail, name="event-detail"),
    path("<int:event_id>/edit/", manage.event_edit, name="event-edit"),
    path("<int:event_id>/cancel/", manage.event_cancel, name="event-cancel"),
    path("<int:event_id>/materials/", manage.event_materials, name="event-materials"),
    path("<int:event_id>/discussion/", manage.event_discussion, name="event-discussion"),
    path("<int:event_id>/register/", rsvp.event_register, name="event-register"),
    path("<int:event_id>/unregister/", rsvp.event_unregister, name="event-unregister"),
    path("<int:event_id>/event.ics", calendar.event_ics, name="event-ics"),
    path("<int:event_id>/attendees/", attendees.attendee_list, name="attendee-list"),
    path("<int:event_id>/attendees.csv", attendees.attendee_csv, name="attendee-csv"),
    path(
        "<int:event_id>/registrations/<int:registration_id>/qr.svg",
        attendees.attendee_qr,
        name="attendee-qr",
    ),
    path("check-in/<str:token>/", attendees.check_in_page, name="check-in"),
    path("<int:event_id>/feedback/", feedback.feedback_create, name="feedback-create"),
    path("<int:event_id>/feedback/summary/", feedback.feedback_summary, name="feedback-summary"),
    path("series/<int:series_id>/", manage.series_detail, name="series-detail"),
    path("spaces/<slug:space_slug>/calendar.ics", calendar.space_calendar, name="space-calendar"),
    path("calendar/<str:token>.ics", calendar.my_calendar, name="my-calendar"),
    path("calendar/reset/", calendar.calendar_reset, name="calendar-reset"),
]
