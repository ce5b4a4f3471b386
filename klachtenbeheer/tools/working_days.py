# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working days and time zones of the complaint terms, in plain Python.

Terms are counted in working days on a calendar: its weekly working hours,
its holidays (leaves) and its time zone. This module gets those as plain
values (``resource.calendar._klachtenbeheer_working_calendar`` reads them
from the database) and counts the way Odoo's
``resource.calendar.plan_days(..., compute_leaves=True)`` and
``_work_intervals_batch`` do, so the dates are Odoo's: a working day counts
when some of its working hours remain after the holidays.

Times given may be naive (UTC, as Odoo stores them) or aware. Terms run from
the day after receipt (Algemene termijnenwet, Awb 9:11). No Odoo import:
``tests/test_working_days.py`` tests it without a database.
"""

import bisect
import math
from collections import namedtuple
from datetime import date, datetime, time, timedelta

import pytz

# A calendar or company without a time zone counts in Dutch time.
DEFAULT_TZ = "Europe/Amsterdam"

# As plan_days: 100 windows of 14 days, then it gives up (False).
PLAN_LIMIT = timedelta(days=1400)

Attendance = namedtuple(
    "Attendance",
    ["weekday", "hour_from", "hour_to", "week_type", "date_from", "date_to"],
    defaults=(None, None, None),
)
Attendance.__doc__ = """Working hours on one weekday (0 = Monday), in hours
since midnight (17.5 = 17:30); ``week_type`` 0 or 1 in a two-week calendar;
``date_from``/``date_to`` bound the dates it applies to."""

# Office hours Monday to Friday, 8:00-12:00 and 13:00-17:00: Odoo's default
# calendar ("Standard 40 hours/week").
OFFICE_HOURS = tuple(
    Attendance(weekday, hour_from, hour_to)
    for weekday in range(5)
    for hour_from, hour_to in ((8.0, 12.0), (13.0, 17.0))
)


def zone(tz_name=None):
    """The time zone ``tz_name``, Dutch time without one."""
    return pytz.timezone(tz_name or DEFAULT_TZ)


def as_utc(moment):
    """``moment`` as an aware UTC datetime (a naive one is UTC)."""
    if moment.tzinfo is None:
        return pytz.utc.localize(moment)
    return moment.astimezone(pytz.utc)


def to_naive_utc(moment):
    """``moment`` as Odoo stores it: naive UTC."""
    return as_utc(moment).replace(tzinfo=None)


def local_date(moment, tz_name=None):
    """The date of ``moment`` in the time zone ``tz_name``."""
    return as_utc(moment).astimezone(zone(tz_name)).date()


def day_start(day, tz_name=None):
    """Midnight starting ``day`` in the time zone ``tz_name`` (aware)."""
    return zone(tz_name).localize(datetime.combine(day, time.min))


def next_day_start(moment, tz_name=None):
    """Midnight after ``moment`` in the time zone ``tz_name``: terms run from
    the day after receipt."""
    return day_start(local_date(moment, tz_name) + timedelta(days=1), tz_name)


def hours_to_time(hours):
    """17.5 -> 17:30, 24 -> the end of the day (as Odoo's float_to_time)."""
    if hours == 24.0:
        return time.max
    fractional, integral = math.modf(hours)
    return time(int(integral), int(math.floor(60 * fractional + 0.5)), 0)


def week_type(day):
    """0 or 1: the week of ``day`` in a two-week calendar (Odoo's parity)."""
    return int(math.floor((day.toordinal() - 1) / 7) % 2)


class WorkingCalendar:
    """A calendar's working time: ``attendances`` (Attendance values), its
    ``leaves`` (holidays: ``(start, end)`` datetimes, naive UTC or aware, or
    a ``date`` for a whole day) and the time zone name ``tz``.

    Every date it returns is a date in that time zone.
    """

    def __init__(self, attendances=OFFICE_HOURS, leaves=(), tz=None, two_weeks=False):
        self.tz_name = tz or DEFAULT_TZ
        self.tz = zone(self.tz_name)
        self.two_weeks = two_weeks
        self.by_day = {}
        for attendance in attendances:
            attendance = Attendance(*attendance)
            self.by_day.setdefault(attendance.weekday, []).append(attendance)
        self.leaves = self._merge(self._leave_bounds(leave) for leave in leaves)
        self._leave_ends = [end for _start, end in self.leaves]
        self._days = {}

    # ------------------------------------------------------------------
    # Working time
    # ------------------------------------------------------------------

    def _leave_bounds(self, leave):
        if isinstance(leave, date) and not isinstance(leave, datetime):
            start = day_start(leave, self.tz_name)
            return start, day_start(leave + timedelta(days=1), self.tz_name)
        start, end = leave
        return as_utc(start), as_utc(end)

    @staticmethod
    def _merge(bounds):
        merged = []
        for start, end in sorted(bounds):
            if start >= end:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def _attendances(self, day):
        for attendance in self.by_day.get(day.weekday(), ()):
            if self.two_weeks and int(attendance.week_type or 0) != week_type(day):
                continue
            if (attendance.date_from and day < attendance.date_from) or (
                attendance.date_to and attendance.date_to < day
            ):
                continue
            yield attendance

    def _day_intervals(self, day):
        """The working time of ``day`` after the holidays, in order."""
        if day not in self._days:
            self._days[day] = self._compute_day_intervals(day)
        return self._days[day]

    def _compute_day_intervals(self, day):
        pieces = []
        for attendance in self._attendances(day):
            begin = self.tz.localize(
                datetime.combine(day, hours_to_time(attendance.hour_from))
            )
            end = self.tz.localize(
                datetime.combine(day, hours_to_time(attendance.hour_to))
            )
            if begin < end:
                pieces.extend(self._minus_leaves(begin, end))
        return tuple(sorted(pieces))

    def _minus_leaves(self, begin, end):
        index = bisect.bisect_right(self._leave_ends, begin)
        for leave_start, leave_end in self.leaves[index:]:
            if leave_start >= end:
                break
            if leave_start > begin:
                yield begin, leave_start.astimezone(self.tz)
            begin = max(begin, leave_end.astimezone(self.tz))
            if begin >= end:
                return
        yield begin, end

    def intervals(self, start, stop):
        """The working time between ``start`` and ``stop``: ``(begin, end)``
        pairs, aware in the calendar's time zone, cut at both ends."""
        start, stop = as_utc(start), as_utc(stop)
        result = []
        day = local_date(start, self.tz_name) - timedelta(days=1)
        last = local_date(stop, self.tz_name) + timedelta(days=1)
        while day <= last:
            for begin, end in self._day_intervals(day):
                begin, end = max(begin, start), min(end, stop)
                if begin < end:
                    result.append((begin.astimezone(self.tz), end.astimezone(self.tz)))
            day += timedelta(days=1)
        return result

    def _local(self, moment):
        return moment.astimezone(self.tz).date()

    # ------------------------------------------------------------------
    # Counting and planning
    # ------------------------------------------------------------------

    def count_days(self, start, stop):
        """Working days with working time between ``start`` and ``stop``."""
        if as_utc(stop) <= as_utc(start):
            return 0
        return len({self._local(begin) for begin, _end in self.intervals(start, stop)})

    def days_after(self, start, end):
        """Working days after the day of ``start`` up to ``end``: an answer on
        the day of receipt took 0 working days."""
        if as_utc(end) <= as_utc(start):
            return 0
        return self.count_days(next_day_start(start, self.tz_name), end)

    def plan_forward(self, moment, days):
        """The date the ``days``-th working day from ``moment`` ends; the
        working day ``moment`` falls in counts when work remains that day
        (1: "the same or the next working day"). ``days`` <= 0: the date of
        ``moment``. False when none is found within PLAN_LIMIT."""
        moment = as_utc(moment)
        if days <= 0:
            return self._local(moment)
        limit = moment + PLAN_LIMIT
        found = set()
        day = self._local(moment)
        while day_start(day, self.tz_name) < limit:
            for begin, end in self._day_intervals(day):
                if end <= moment:
                    continue
                if begin >= limit:
                    return False
                found.add(self._local(max(begin, moment)))
                if len(found) == days:
                    return self._local(min(end, limit))
            day += timedelta(days=1)
        return False

    def plan_backward(self, moment, days):
        """The date the ``days``-th working day before ``moment`` begins.
        False when none is found within PLAN_LIMIT."""
        moment = as_utc(moment)
        limit = moment - PLAN_LIMIT
        found = set()
        day = self._local(moment)
        while day_start(day + timedelta(days=1), self.tz_name) > limit:
            for begin, end in reversed(self._day_intervals(day)):
                if begin >= moment:
                    continue
                if end <= limit:
                    return False
                begin = max(begin, limit)
                found.add(self._local(begin))
                if len(found) == days:
                    return self._local(begin)
            day -= timedelta(days=1)
        return False

    def on_or_after(self, day):
        """``day`` itself when it is a working day, else the next one."""
        return self.plan_forward(day_start(day, self.tz_name), 1)

    def term_dates(
        self,
        received,
        *,
        ack_days=0,
        contact_days=0,
        answer_days=0,
        answer_weeks=0,
        extension_weeks=0,
        pause_days=0,
        warn_days=0,
    ):
        """The four term dates of a complaint received at ``received``:
        ``(acknowledgement, first contact, answer, warn the handler)``.

        The acknowledgement counts from the moment of receipt, the others
        from the day after it. An answer term in weeks (Awb 9:11: six weeks)
        ends on the same weekday and moves to the next working day when that
        is a weekend day or a holiday; one in working days counts them.
        ``extension_weeks`` (Awb 9:11 paragraph 2) are added to the answer
        term, ``pause_days`` (working days the clock stood still) to the
        contact and answer terms. The warning comes ``warn_days`` working
        days before the answer is due.
        """
        next_day = next_day_start(received, self.tz_name)
        extension = timedelta(weeks=extension_weeks)
        ack = self.plan_forward(received, ack_days)
        contact = self.plan_forward(next_day, contact_days + pause_days)
        if answer_weeks:
            due = self.on_or_after(
                local_date(received, self.tz_name)
                + timedelta(weeks=answer_weeks)
                + extension
            )
            if pause_days:
                due = self.plan_forward(
                    next_day_start(day_start(due, self.tz_name), self.tz_name),
                    pause_days,
                )
        else:
            due = self.plan_forward(next_day, answer_days + pause_days)
            if extension:
                due = self.on_or_after(due + extension)
        warn = due
        if due and warn_days:
            warn = self.plan_backward(day_start(due, self.tz_name), warn_days) or due
        return ack, contact, due, warn
