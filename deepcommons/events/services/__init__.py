"""Events' write services, one module per verb, re-exported here."""

from deepcommons.events.services.calendar import calendar_token_for, reset_calendar_token
from deepcommons.events.services.checkin import (
    check_in,
    check_in_path,
    check_in_token,
    registration_for_token,
)
from deepcommons.events.services.discussion import open_discussion
from deepcommons.events.services.events import (
    EventInput,
    cancel_event,
    check_can_organise,
    create_event,
    update_event,
    update_materials,
)
from deepcommons.events.services.feedback import (
    leave_feedback,
    may_leave_feedback,
    summarise_feedback,
)
from deepcommons.events.services.registration import (
    cancel_registration,
    promote_waitlist,
    register_for_event,
)
from deepcommons.events.services.reminders import send_due_reminders
from deepcommons.events.services.series import create_series

__all__ = [
    "EventInput",
    "calendar_token_for",
    "cancel_event",
    "cancel_registration",
    "check_can_organise",
    "check_in",
    "check_in_path",
    "check_in_token",
    "create_event",
    "create_series",
    "leave_feedback",
    "may_leave_feedback",
    "open_discussion",
    "promote_waitlist",
    "register_for_event",
    "registration_for_token",
    "reset_calendar_token",
    "send_due_reminders",
    "summarise_feedback",
    "update_event",
    "update_materials",
]
