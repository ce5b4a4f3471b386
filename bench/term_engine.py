"""Benchmark and check: the term engine (klachtenbeheer/tools/working_days.py)
against Odoo's own ``resource.calendar`` on several calendars.

For each calendar (office hours in Amsterdam with the Dutch holidays; the
same in UTC; round-the-clock 0-24; a two-week calendar; one with half-day
leaves and a leave on every calendar) and for moments every 5 hours over a
year, it computes the four term dates of the corporation profile (five
working days, warned two days before) and of the Awb profile (six weeks)
with pause days, once with the engine and once date by date with Odoo's
``plan_days(..., compute_leaves=True)`` (as the terms were computed before
one look at the calendar), and the handling time with the engine against
``_work_intervals_batch``. Every difference is printed; the summary gives
the cases compared, the differences and the time per complaint of both.

Nothing is written: all runs in one transaction that is rolled back.

Usage (a database with klachtenbeheer installed):

    .venv/bin/python bench/term_engine.py --odoo /opt/odoo-18.0 --db kbbench \
        --addons-path /opt/odoo-18.0/addons,$PWD
"""

import argparse
import sys
import time
from datetime import date, datetime, timedelta


def calendars(env):
    Calendar = env["resource.calendar"]
    office = Calendar.create({"name": "Bench office", "tz": "Europe/Amsterdam"})
    utc = Calendar.create({"name": "Bench UTC", "tz": "UTC"})
    clock = Calendar.create(
        {
            "name": "Bench 0-24",
            "tz": "Europe/Amsterdam",
            "attendance_ids": [
                (5, 0, 0),
                *[
                    (
                        0,
                        0,
                        {
                            "name": f"Day {d}",
                            "dayofweek": str(d),
                            "hour_from": 0,
                            "hour_to": 24,
                            "day_period": "morning",
                        },
                    )
                    for d in range(7)
                ],
            ],
        }
    )
    two_weeks = Calendar.create({"name": "Bench two weeks", "tz": "Europe/Amsterdam"})
    two_weeks.switch_calendar_type()
    # The second week: Monday and Tuesday only.
    two_weeks.attendance_ids.filtered(
        lambda a: a.week_type == "1" and a.dayofweek not in ("0", "1")
    ).unlink()
    half = Calendar.create({"name": "Bench half days", "tz": "Europe/Amsterdam"})
    for cal in (office, utc, clock, two_weeks, half):
        cal._klachtenbeheer_add_dutch_holidays([2026, 2027, 2028])
    Leave = env["resource.calendar.leaves"]
    for day in range(5, 360, 17):
        start = datetime(2026, 1, 1, 7) + timedelta(days=day)
        Leave.create(
            {
                "name": "Bench half day",
                "calendar_id": half.id,
                "date_from": start,
                "date_to": start + timedelta(hours=5),
                "time_type": "leave",
            }
        )
    return [office, utc, clock, two_weeks, half]


def reference(calendar, tz, profile, received, weeks, pause, warn_days):
    """The dates date by date with Odoo's plan_days."""

    def day_start(day):
        return tz.localize(datetime.combine(day, datetime.min.time()))

    def plan(start, days):
        if days <= 0:
            return start.astimezone(tz).date()
        end = calendar.plan_days(days, start, compute_leaves=True)
        return end.astimezone(tz).date() if end else False

    next_day = day_start(received.astimezone(tz).date() + timedelta(days=1))
    if weeks:
        due = plan(
            day_start(received.astimezone(tz).date() + timedelta(weeks=weeks)), 1
        )
        if pause:
            due = plan(day_start(due + timedelta(days=1)), pause)
    else:
        due = plan(next_day, profile["answer_days"] + pause)
    warn = due
    if due and warn_days:
        start = calendar.plan_days(-warn_days, day_start(due), compute_leaves=True)
        warn = start.astimezone(tz).date() if start else due
    return (
        plan(received, profile["ack_days"]),
        plan(next_day, profile["contact_days"] + pause),
        due,
        warn,
    )


def handling_reference(calendar, tz, start, end):
    begin = tz.localize(
        datetime.combine(
            start.astimezone(tz).date() + timedelta(days=1), datetime.min.time()
        )
    )
    if end <= begin:
        return 0
    intervals = calendar._work_intervals_batch(begin, end)[False]
    return len({s.date() for s, _e, _m in intervals})


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--odoo", required=True, help="Odoo 18 source tree")
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--step-hours", type=int, default=5)
    args = parser.parse_args()

    sys.path.insert(0, args.odoo)
    import pytz

    import odoo
    from odoo import api

    config_args = ["-d", args.db, "--log-level=warn"]
    if args.addons_path:
        config_args.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(config_args)
    registry = odoo.modules.registry.Registry(args.db)
    profiles = [
        ("corporation", {"ack_days": 1, "contact_days": 5, "answer_days": 5}, 0, 2),
        ("awb", {"ack_days": 5, "contact_days": 5, "answer_days": 6}, 6, 3),
    ]
    moments = [
        datetime(2026, 1, 1) + timedelta(hours=args.step_hours * n)
        for n in range(365 * 24 // args.step_hours)
    ]
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        total = diffs = 0
        engine_time = odoo_time = 0.0
        for calendar in calendars(env):
            tz = pytz.timezone(calendar.tz)
            start = time.perf_counter()
            working = calendar._klachtenbeheer_working_calendar()
            engine_time += time.perf_counter() - start
            for name, profile, weeks, warn_days in profiles:
                for pause in (0, 2):
                    for moment in moments:
                        received = pytz.utc.localize(moment)
                        start = time.perf_counter()
                        got = working.term_dates(
                            moment,
                            ack_days=profile["ack_days"],
                            contact_days=profile["contact_days"],
                            answer_days=profile["answer_days"],
                            answer_weeks=weeks,
                            pause_days=pause,
                            warn_days=warn_days,
                        )
                        handled = working.days_after(moment, moment + timedelta(days=9))
                        engine_time += time.perf_counter() - start
                        start = time.perf_counter()
                        want = reference(
                            calendar, tz, profile, received, weeks, pause, warn_days
                        )
                        want_handled = handling_reference(
                            calendar, tz, received, received + timedelta(days=9)
                        )
                        odoo_time += time.perf_counter() - start
                        total += 1
                        if got != want or handled != want_handled:
                            diffs += 1
                            print(
                                f"DIFF {calendar.name} {name} pause={pause} "
                                f"{moment}: {got} {handled} != {want} {want_handled}"
                            )
        cr.rollback()
    print(f"cases: {total}, differences: {diffs}")
    print(
        f"per complaint (four dates and a handling time): engine "
        f"{1000 * engine_time / total:.3f} ms, Odoo plan_days "
        f"{1000 * odoo_time / total:.3f} ms"
    )
    print(f"ran on {date.today()}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
