"""klachtenbeheer/tools/working_days.py: working days, holidays and time
zones of the complaint terms. Plain Python, loaded from its path; the
Odoo tests (TestTerms) check the same dates against resource.calendar."""

import importlib.util
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import pytz

MODULE = Path(__file__).resolve().parent.parent / "klachtenbeheer/tools/working_days.py"
_spec = importlib.util.spec_from_file_location("klachten_working_days", MODULE)
wd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wd)

AMS = pytz.timezone("Europe/Amsterdam")

# Dutch public holidays of spring 2026 and Christmas 2026 (as the
# ``holidays`` library gives them), as whole days.
HOLIDAYS_2026 = [
    date(2026, 4, 3),  # Goede Vrijdag
    date(2026, 4, 6),  # Tweede paasdag
    date(2026, 4, 27),  # Koningsdag
    date(2026, 5, 5),  # Bevrijdingsdag
    date(2026, 5, 14),  # Hemelvaartsdag
    date(2026, 5, 25),  # Tweede Pinksterdag
    date(2026, 12, 25),  # Eerste Kerstdag
    date(2026, 12, 28),  # (Saturday 26th: no extra day; a test leave)
]


def utc(year, month, day, hour=10, minute=0):
    """Naive UTC of a local Amsterdam time, as Odoo stores it."""
    local = AMS.localize(datetime(year, month, day, hour, minute))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


@pytest.fixture
def office():
    """Office hours 8-12 and 13-17 on weekdays, the holidays above."""
    return wd.WorkingCalendar(leaves=HOLIDAYS_2026, tz="Europe/Amsterdam")


# ----------------------------------------------------------------------
# Time zones
# ----------------------------------------------------------------------


def test_without_a_time_zone_the_dutch_one_counts():
    assert wd.zone(None).zone == "Europe/Amsterdam"
    assert wd.zone("").zone == "Europe/Amsterdam"
    assert wd.zone("UTC").zone == "UTC"
    assert wd.WorkingCalendar(tz=False).tz_name == "Europe/Amsterdam"


def test_local_date_of_a_late_evening_in_utc():
    # 23:30 UTC on 31 March is already 1 April in Amsterdam (summer time).
    moment = datetime(2026, 3, 31, 23, 30)
    assert wd.local_date(moment) == date(2026, 4, 1)
    assert wd.local_date(moment, "UTC") == date(2026, 3, 31)
    # An aware moment is converted, not relabelled.
    assert wd.local_date(pytz.utc.localize(moment)) == date(2026, 4, 1)


def test_day_start_follows_summer_and_winter_time():
    winter = wd.day_start(date(2026, 1, 15))
    summer = wd.day_start(date(2026, 7, 15))
    assert wd.to_naive_utc(winter) == datetime(2026, 1, 14, 23, 0)
    assert wd.to_naive_utc(summer) == datetime(2026, 7, 14, 22, 0)


def test_next_day_start_is_local_midnight_after_the_moment():
    # Received Sunday 29 March 2026 at 01:30 local (the night summer time
    # starts): the terms run from Monday 00:00 local = Sunday 22:00 UTC.
    start = wd.next_day_start(utc(2026, 3, 29, 1, 30))
    assert wd.to_naive_utc(start) == datetime(2026, 3, 29, 22, 0)


def test_hours_to_time_as_odoo():
    assert wd.hours_to_time(8.0) == time(8, 0)
    assert wd.hours_to_time(17.5) == time(17, 30)
    assert wd.hours_to_time(12.75) == time(12, 45)
    assert wd.hours_to_time(24.0) == time.max


def test_week_type_alternates_every_week():
    monday = date(2026, 1, 5)
    assert wd.week_type(monday) == wd.week_type(monday + timedelta(days=6))
    assert wd.week_type(monday) != wd.week_type(monday + timedelta(days=7))


# ----------------------------------------------------------------------
# Working time
# ----------------------------------------------------------------------


def test_intervals_cut_at_both_ends(office):
    pieces = office.intervals(utc(2026, 1, 12, 10), utc(2026, 1, 12, 14))
    assert [(b.time(), e.time()) for b, e in pieces] == [
        (time(10, 0), time(12, 0)),
        (time(13, 0), time(14, 0)),
    ]
    assert all(b.tzinfo.zone == "Europe/Amsterdam" for b, _e in pieces)


def test_a_holiday_has_no_working_time(office):
    assert office.intervals(utc(2026, 4, 27, 0), utc(2026, 4, 27, 23)) == []


def test_a_half_day_off_leaves_the_day_a_working_day():
    # A leave until 12:00 (a calendar leave, not a holiday): the afternoon
    # still counts, as in Odoo's _work_intervals_batch.
    morning = (utc(2026, 1, 12, 0), utc(2026, 1, 12, 12))
    calendar = wd.WorkingCalendar(leaves=[morning])
    assert calendar.count_days(utc(2026, 1, 12, 0), utc(2026, 1, 12, 23)) == 1
    pieces = calendar.intervals(utc(2026, 1, 12, 0), utc(2026, 1, 12, 23))
    assert [(b.time(), e.time()) for b, e in pieces] == [(time(13), time(17))]


def test_overlapping_leaves_are_one():
    leaves = [
        (utc(2026, 1, 12, 0), utc(2026, 1, 13, 12)),
        (utc(2026, 1, 13, 9), utc(2026, 1, 14, 0)),
    ]
    calendar = wd.WorkingCalendar(leaves=leaves)
    assert calendar.count_days(utc(2026, 1, 12, 0), utc(2026, 1, 16, 23)) == 3


def test_attendance_bounded_by_dates():
    # Working hours that only start on 14 January.
    calendar = wd.WorkingCalendar(
        [wd.Attendance(d, 9.0, 17.0, date_from=date(2026, 1, 14)) for d in range(5)]
    )
    assert calendar.count_days(utc(2026, 1, 12, 0), utc(2026, 1, 16, 23)) == 3


def test_two_week_calendar_counts_the_week_type():
    monday = date(2026, 1, 5)
    even = wd.week_type(monday)
    calendar = wd.WorkingCalendar(
        [wd.Attendance(d, 9.0, 17.0, week_type=even) for d in range(5)]
        + [wd.Attendance(0, 9.0, 17.0, week_type=1 - even)],
        two_weeks=True,
    )
    assert calendar.count_days(utc(2026, 1, 5, 0), utc(2026, 1, 11, 23)) == 5
    assert calendar.count_days(utc(2026, 1, 12, 0), utc(2026, 1, 18, 23)) == 1


# ----------------------------------------------------------------------
# Counting and planning
# ----------------------------------------------------------------------


def test_handling_days_start_the_day_after_receipt(office):
    received = utc(2026, 1, 12, 9)  # Monday
    assert office.days_after(received, utc(2026, 1, 12, 16)) == 0
    assert office.days_after(received, utc(2026, 1, 13, 9)) == 1
    # Over the weekend: Tuesday to Monday are 5 working days.
    assert office.days_after(received, utc(2026, 1, 19, 16)) == 5
    # An end before the start is no time at all.
    assert office.days_after(received, utc(2026, 1, 11)) == 0


def test_count_days_skips_kings_day(office):
    # Monday 27 April 2026 is King's Day: that week has four working days.
    assert office.count_days(utc(2026, 4, 27, 0), utc(2026, 5, 1, 23)) == 4


def test_plan_forward_counts_the_day_it_falls_in_while_work_remains(office):
    assert office.plan_forward(utc(2026, 1, 12, 10), 1) == date(2026, 1, 12)
    # After office hours the next working day is the first.
    assert office.plan_forward(utc(2026, 1, 12, 18), 1) == date(2026, 1, 13)
    # Friday evening: Monday.
    assert office.plan_forward(utc(2026, 1, 16, 18), 1) == date(2026, 1, 19)
    # Zero days: the date of the moment itself.
    assert office.plan_forward(utc(2026, 1, 17, 10), 0) == date(2026, 1, 17)


def test_plan_forward_over_easter_and_kings_day(office):
    # From Thursday 2 April 2026 evening: Good Friday and Easter Monday
    # are holidays, so the first working day is Tuesday 7 April.
    assert office.plan_forward(utc(2026, 4, 2, 22), 1) == date(2026, 4, 7)
    # Five working days from Friday 24 April (evening) pass King's Day.
    assert office.plan_forward(utc(2026, 4, 24, 22), 5) == date(2026, 5, 4)


def test_plan_backward_counts_the_days_before(office):
    monday = wd.day_start(date(2026, 1, 19))
    assert office.plan_backward(monday, 1) == date(2026, 1, 16)
    assert office.plan_backward(monday, 2) == date(2026, 1, 15)
    # Back over King's Day.
    assert office.plan_backward(wd.day_start(date(2026, 4, 28)), 1) == date(2026, 4, 24)


def test_on_or_after(office):
    assert office.on_or_after(date(2026, 1, 14)) == date(2026, 1, 14)
    assert office.on_or_after(date(2026, 1, 17)) == date(2026, 1, 19)
    assert office.on_or_after(date(2026, 12, 25)) == date(2026, 12, 29)


def test_a_calendar_without_working_hours_plans_nothing():
    calendar = wd.WorkingCalendar(attendances=())
    assert calendar.plan_forward(utc(2026, 1, 12), 1) is False
    assert calendar.plan_backward(utc(2026, 1, 12), 1) is False
    assert calendar.count_days(utc(2026, 1, 12), utc(2026, 2, 12)) == 0


def test_a_plan_gives_up_after_the_limit():
    # One working day in 2030 only: beyond the 1400 days plan_days looks at.
    calendar = wd.WorkingCalendar(
        [
            wd.Attendance(
                0, 9.0, 17.0, date_from=date(2030, 1, 7), date_to=date(2030, 1, 7)
            )
        ]
    )
    assert calendar.plan_forward(utc(2026, 1, 12), 1) is False
    assert calendar.plan_forward(utc(2027, 1, 12), 1) == date(2030, 1, 7)


# ----------------------------------------------------------------------
# The four term dates
# ----------------------------------------------------------------------


def test_corporation_terms_from_a_friday(office):
    # Five working days (WMD-klachtenbeleid §2.3), warned one day before.
    dates = office.term_dates(
        utc(2026, 1, 9),  # Friday 10:00
        ack_days=1,
        contact_days=5,
        answer_days=5,
        warn_days=1,
    )
    assert dates == (
        date(2026, 1, 9),
        date(2026, 1, 16),
        date(2026, 1, 16),
        date(2026, 1, 15),
    )


def test_awb_six_weeks_end_on_the_same_weekday(office):
    ack, _contact, due, _warn = office.term_dates(
        utc(2026, 3, 16), ack_days=1, contact_days=5, answer_weeks=6
    )
    assert ack == date(2026, 3, 16)
    # Monday + 6 weeks = Monday 27 April, King's Day: the next working day.
    assert due == date(2026, 4, 28)


def test_awb_extension_adds_weeks(office):
    _ack, _contact, due, _warn = office.term_dates(
        utc(2026, 1, 12), answer_weeks=6, extension_weeks=4
    )
    assert due == date(2026, 1, 12) + timedelta(weeks=10)


def test_extension_of_a_term_in_working_days(office):
    # Due Friday 16 January; four weeks later is Friday 13 February.
    _ack, _contact, due, _warn = office.term_dates(
        utc(2026, 1, 9), answer_days=5, extension_weeks=4
    )
    assert due == date(2026, 2, 13)


def test_pause_days_are_added(office):
    _ack, contact, due, _warn = office.term_dates(
        utc(2026, 1, 9), contact_days=5, answer_days=5, pause_days=2
    )
    assert contact == due == date(2026, 1, 20)
    # A term in weeks: the paused working days after its end.
    _ack, _contact, due, _warn = office.term_dates(
        utc(2026, 1, 12), answer_weeks=6, pause_days=2
    )
    assert due == date(2026, 2, 25)


def test_terms_over_christmas(office):
    # Received Thursday 24 December 2026 after hours: Christmas Day, the
    # weekend and the leave on Monday 28th pass; five working days are 29,
    # 30, 31 December, 1 January (no holiday in this calendar) and 4 January.
    ack, contact, due, warn = office.term_dates(
        utc(2026, 12, 24, 18), ack_days=1, contact_days=5, answer_days=5, warn_days=2
    )
    assert ack == date(2026, 12, 29)
    assert due == contact == date(2027, 1, 4)
    assert warn == date(2026, 12, 31)
