# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import datetime, time

import holidays
import pytz

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

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
            tz = pytz.timezone(calendar.tz or "Europe/Amsterdam")
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
                start = pytz.utc.localize(leave.date_from).astimezone(tz).date()
                end = pytz.utc.localize(leave.date_to).astimezone(tz).date()
                taken.update(
                    start.fromordinal(day)
                    for day in range(start.toordinal(), end.toordinal() + 1)
                )
            vals_list = []
            for day, name in sorted(dutch.items()):
                if day in taken or day.weekday() >= 5:
                    continue
                start = tz.localize(datetime.combine(day, time.min))
                end = tz.localize(datetime.combine(day, time(23, 59, 59)))
                vals_list.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "company_id": calendar.company_id.id,
                        "date_from": fields.Datetime.to_string(
                            start.astimezone(pytz.utc)
                        ),
                        "date_to": fields.Datetime.to_string(end.astimezone(pytz.utc)),
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
