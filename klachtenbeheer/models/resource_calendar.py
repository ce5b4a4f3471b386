# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The calendar extension: the working hours and Dutch public holidays the
complaint terms are counted on, and the terms that move when they change.
The counting is ``tools/working_days.py``; this file feeds it."""

import logging
from datetime import datetime, time

import holidays

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools import working_days

_logger = logging.getLogger(__name__)


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _klachtenbeheer_working_calendar(self):
        """This calendar's working time as plain values for
        ``tools/working_days``: the working hours of the calendar itself
        and its holidays (leaves without a resource, also those of no
        calendar), as Odoo's ``_work_intervals_batch`` takes them. Two
        queries; the holidays of a calendar are few, all are read."""
        self.ensure_one()
        attendances = self.env["resource.calendar.attendance"].search_fetch(
            [
                ("calendar_id", "=", self.id),
                ("resource_id", "=", False),
                ("display_type", "=", False),
                ("day_period", "!=", "lunch"),
            ],
            ["dayofweek", "hour_from", "hour_to", "week_type", "date_from", "date_to"],
        )
        leaves = self.env["resource.calendar.leaves"].search_fetch(
            [
                ("time_type", "=", "leave"),
                ("calendar_id", "in", [False, self.id]),
                ("resource_id", "=", False),
            ],
            ["date_from", "date_to"],
        )
        return working_days.WorkingCalendar(
            [
                working_days.Attendance(
                    int(attendance.dayofweek),
                    attendance.hour_from,
                    attendance.hour_to,
                    int(attendance.week_type or 0),
                    attendance.date_from or None,
                    attendance.date_to or None,
                )
                for attendance in attendances
            ],
            [(leave.date_from, leave.date_to) for leave in leaves],
            tz=self.tz,
            two_weeks=self.two_weeks_calendar,
        )

    @api.model
    def _klachtenbeheer_calendars(self):
        """The calendars complaint terms are counted on."""
        calendars = self.env["res.company"].search([]).resource_calendar_id
        calendars |= self.env["klachtenbeheer.team"].search([]).resource_calendar_id
        return calendars

    def _klachtenbeheer_add_dutch_holidays(self, years):
        """Add the Dutch public holidays of ``years`` as leaves.

        The dates come from the ``holidays`` library; an existing leave on
        the same day is kept, so a rerun adds nothing and a coordinator may
        remove a day (e.g. Good Friday) without it coming back that year.
        """
        dutch = holidays.country_holidays("NL", years=years, language="nl")
        Leave = self.env["resource.calendar.leaves"].sudo()
        created = Leave.browse()
        for calendar in self:
            existing = Leave.search(
                [
                    ("calendar_id", "=", calendar.id),
                    ("resource_id", "=", False),
                    ("date_from", "<=", f"{max(years)}-12-31 23:59:59"),
                    ("date_to", ">=", f"{min(years)}-01-01 00:00:00"),
                ]
            )
            taken = set()
            for leave in existing:
                start = working_days.local_date(leave.date_from, calendar.tz)
                end = working_days.local_date(leave.date_to, calendar.tz)
                taken.update(
                    start.fromordinal(day)
                    for day in range(start.toordinal(), end.toordinal() + 1)
                )
            vals_list = []
            for day, name in sorted(dutch.items()):
                if day in taken or day.weekday() >= 5:
                    continue
                start = working_days.day_start(day, calendar.tz)
                end = working_days.zone(calendar.tz).localize(
                    datetime.combine(day, time(23, 59, 59))
                )
                vals_list.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "company_id": calendar.company_id.id,
                        "date_from": working_days.to_naive_utc(start),
                        "date_to": working_days.to_naive_utc(end),
                        "time_type": "leave",
                    }
                )
            created |= Leave.create(vals_list)
        return created

    @api.model
    def _cron_klachtenbeheer_dutch_holidays(self, years_ahead=2):
        """Yearly job: Dutch holidays for this year and the next ones."""
        this_year = fields.Date.context_today(self).year
        years = list(range(this_year, this_year + years_ahead + 1))
        created = self._klachtenbeheer_calendars()._klachtenbeheer_add_dutch_holidays(
            years
        )
        _logger.info("Dutch public holidays: %d leave(s) added", len(created))
        return created

    def action_klachtenbeheer_load_dutch_holidays(self):
        """Button: the Dutch public holidays of this year and the next."""
        user = self.env.user
        if not (
            self.env.is_admin()
            or user.has_group("klachtenbeheer.group_klachtenbeheer_coordinator")
        ):
            raise AccessError(self.env._("Only coordinators can load the holidays."))
        self.check_access("write")
        year = fields.Date.context_today(self).year
        created = self._klachtenbeheer_add_dutch_holidays([year, year + 1])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s holiday(s) added.", count=len(created)
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def action_klachtenbeheer_open_calendar(self):
        """Menu: the working days and holidays of the current company's
        calendar, on which its complaint terms are counted."""
        calendar = self.env.company.resource_calendar_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Working Days and Holidays"),
            "res_model": "resource.calendar",
            "res_id": calendar.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "klachtenbeheer.resource_calendar_view_form_klachtenbeheer"
                    ).id,
                    "form",
                )
            ],
            "target": "current",
        }

    def write(self, vals):
        res = super().write(vals)
        if "tz" in vals:
            # (Changes of holidays and hours come through their own models.)
            self.env["klachtenbeheer.complaint"]._recompute_terms_for_calendars(
                self, kind="hours"
            )
        return res


class _CalendarPartMixin(models.AbstractModel):
    """Create, write and unlink of a calendar's parts (holidays, working
    hours) move the terms of the open complaints counted on it."""

    _name = "klachtenbeheer.calendar.part.mixin"
    _description = "Calendar part that moves complaint terms"

    # What a change of these records is, in the note on the complaints.
    _klachtenbeheer_term_change = "hours"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._klachtenbeheer_recompute_terms(records._klachtenbeheer_calendars())
        return records

    def write(self, vals):
        calendars = self._klachtenbeheer_calendars()
        res = super().write(vals)
        self._klachtenbeheer_recompute_terms(
            calendars | self._klachtenbeheer_calendars()
        )
        return res

    def unlink(self):
        calendars = self._klachtenbeheer_calendars()
        res = super().unlink()
        self._klachtenbeheer_recompute_terms(calendars)
        return res

    def _klachtenbeheer_calendars(self):
        """The calendars whose complaint terms these records count in."""
        return self.calendar_id

    def _klachtenbeheer_recompute_terms(self, calendars):
        if not calendars or self.env.context.get("install_mode"):
            # Loading data: no complaint has moved.
            return
        self.env["klachtenbeheer.complaint"]._recompute_terms_for_calendars(
            calendars.exists(), kind=self._klachtenbeheer_term_change
        )


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "klachtenbeheer.calendar.part.mixin"]
    _klachtenbeheer_term_change = "holidays"

    def _klachtenbeheer_calendars(self):
        # Only the calendar's own holidays (no resource) count for terms.
        return self.filtered(lambda leave: not leave.resource_id).calendar_id


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "klachtenbeheer.calendar.part.mixin"]
