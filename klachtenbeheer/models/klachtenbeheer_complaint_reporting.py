# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

from ..tools import working_days

# Aggregate for ``_read_group``: how many complaints were acknowledged on or
# before their acknowledgement due date (a comparison of two columns, which a
# domain cannot express).
ACK_ON_TIME_SPEC = "date_acknowledged:ack_on_time"


class KlachtenbeheerComplaintReporting(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    @api.model
    def _report_tz(self):
        """The organisation's time zone: periods and terms are local days."""
        return working_days.zone(
            self.env.company.resource_calendar_id.tz or self.env.context.get("tz")
        )

    @api.model
    def _report_period_bounds(self, date_from, date_to_excluded):
        """Naive UTC datetimes of local midnight starting each date, for a
        domain on ``date_received``."""
        tz_name = self._report_tz().zone

        def utc(day):
            return working_days.to_naive_utc(working_days.day_start(day, tz_name))

        return utc(date_from), utc(date_to_excluded)

    @api.model
    def _report_base_domain(self):
        """What counts as a complaint in reports and the register.

        Messages redirected elsewhere (repair requests, nuisance, housing
        fraud) are registered in the same model but are no complaints."""
        if "kind" in self._fields:
            return [("kind", "=", "complaint")]
        return []

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec == ACK_ON_TIME_SPEC:
            acknowledged = self._field_to_sql(self._table, "date_acknowledged", query)
            due = self._field_to_sql(self._table, "date_ack_due", query)
            return SQL(
                "COUNT(CASE WHEN (%s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date "
                "<= %s THEN 1 END)",
                acknowledged,
                self._report_tz().zone,
                due,
            )
        return super()._read_group_select(aggregate_spec, query)

    def _read_group_empty_value(self, spec):
        if spec == ACK_ON_TIME_SPEC:
            return 0
        return super()._read_group_empty_value(spec)
