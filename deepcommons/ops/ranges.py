"""The date range a console page shows, parsed from `?start=YYYY-MM-DD&end=YYYY-MM-DD`.

Both ends are inclusive UTC days. A missing range is the last 30 days; a
reversed, unreadable, future or over-long range is corrected and the page
says how, so no input leads to an error page or an empty chart without a
word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

DEFAULT_DAYS = 30
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date
    messages: list[str] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> DateRange:
        """The period of the same length just before this one."""
        return DateRange(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def _parse(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def parse_range(params: dict[str, str], *, today: date, first: date) -> DateRange:
    """The range asked for, within [first, today] and at most MAX_DAYS long."""
    messages: list[str] = []
    raw_start, raw_end = params.get("start", ""), params.get("end", "")
    start, end = _parse(raw_start), _parse(raw_end)
    if (raw_start and start is None) or (raw_end and end is None):
        messages.append(_("Dates must look like 2026-01-31; the unreadable one was ignored."))
    if end is None:
        end = today
    if end > today:
        messages.append(_("The range ended in the future; it now ends today."))
        end = today
    if start is None:
        start = max(first, end - timedelta(days=DEFAULT_DAYS - 1))
    if start > end:
        messages.append(_("The start was after the end; the two were swapped."))
        start, end = min(end, today), min(start, today)
    if (end - start).days + 1 > MAX_DAYS:
        messages.append(
            _(
                "A range can be at most %(days)d days long; it now starts %(days)d days "
                "before its end."
            )
            % {"days": MAX_DAYS}
        )
        start = end - timedelta(days=MAX_DAYS - 1)
    if end < first:
        messages.append(_("There is no data before %(first)s.") % {"first": first.isoformat()})
    return DateRange(start, end, messages)
