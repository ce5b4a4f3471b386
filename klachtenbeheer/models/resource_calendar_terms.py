# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"  # pylint: disable=consider-merging-classes-inherited

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
