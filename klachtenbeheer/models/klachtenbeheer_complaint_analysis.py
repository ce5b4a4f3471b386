# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.tools import SQL, sql

from ..tools import working_days


class KlachtenbeheerComplaintAnalysis(models.Model):
    """What the analysis needs stored on the complaint (WMD-klachtenbeleid §3).

    The period fields are plain indexed dates so that a pivot by quarter or
    month over a large register groups on a column instead of converting
    every row's timestamp to the user's time zone and truncating it.
    """

    _inherit = "klachtenbeheer.complaint"  # pylint: disable=consider-merging-classes-inherited

    date_received_month = fields.Date(
        string="Month Received",
        compute="_compute_date_received_periods",
        store=True,
        precompute=True,
        index=True,
        help="First day of the month the complaint came in (Dutch time).",
    )
    date_received_quarter = fields.Date(
        string="Quarter Received",
        compute="_compute_date_received_periods",
        store=True,
        precompute=True,
        index=True,
        help="First day of the quarter the complaint came in (Dutch time).",
    )
    handling_days = fields.Integer(
        string="Handling Time (working days)",
        compute="_compute_handling_days",
        store=True,
        precompute=True,
        aggregator="avg",
        help="Working days from the day after receipt until the answer (or "
        "the closure), on the team's or company's calendar. Open complaints "
        "count 0.",
    )

    def _auto_init(self):
        """Fill the new analysis columns of an existing register in SQL.

        Without this, installing or upgrading on a large register computes
        the periods in Python for every complaint, and the handling time of
        every complaint, open or not.
        """
        cr = self.env.cr
        fill = sql.table_exists(cr, self._table) and not sql.column_exists(
            cr, self._table, "handling_days"
        )
        if fill:
            sql.create_column(cr, self._table, "date_received_month", "date")
            sql.create_column(cr, self._table, "date_received_quarter", "date")
            sql.create_column(cr, self._table, "handling_days", "int4")
            cr.execute(
                SQL(
                    """
                UPDATE klachtenbeheer_complaint c
                   SET date_received_month = date_trunc('month', local)::date,
                       date_received_quarter = date_trunc('quarter', local)::date,
                       handling_days = 0
                  FROM (SELECT c2.id,
                               timezone(COALESCE(rc.tz, %s),
                                        timezone('UTC', c2.date_received)) AS local
                          FROM klachtenbeheer_complaint c2
                          JOIN res_company co ON co.id = c2.company_id
                          LEFT JOIN resource_calendar rc
                            ON rc.id = co.resource_calendar_id) l
                 WHERE l.id = c.id
                    """,
                    working_days.DEFAULT_TZ,
                )
            )
        res = super()._auto_init()
        if fill:
            # Only answered or closed complaints have a handling time.
            done = self.with_context(active_test=False).search(
                ["|", ("date_answered", "!=", False), ("date_closed", "!=", False)]
            )
            self.env.add_to_compute(self._fields["handling_days"], done)
        return res

    def init(self):
        res = super().init()
        # The pivot's groupings by quarter x team and category x month read
        # these narrow partial indexes (index-only scans) instead of the
        # whole register; see docs/performance.md.
        for name, columns in (
            ("quarter_team", "date_received_quarter, team_id"),
            ("month_category", "date_received_month, category_id"),
        ):
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON klachtenbeheer_complaint (%s) "
                    "WHERE active",
                    SQL.identifier(f"klachtenbeheer_complaint_{name}_idx"),
                    SQL(columns),
                )
            )
        return res

    @api.depends("date_received", "company_id", "registration_pending")
    def _compute_date_received_periods(self):
        for complaint in self:
            # (A complaint by mail gets its periods with its terms, from the
            # intake cron: the calendar's time zone is not read per mail.)
            if not complaint.date_received or complaint.registration_pending:
                complaint.date_received_month = False
                complaint.date_received_quarter = False
                continue
            local = working_days.local_date(
                complaint.date_received, complaint.company_id.resource_calendar_id.tz
            )
            complaint.date_received_month = date(local.year, local.month, 1)
            complaint.date_received_quarter = date(
                local.year, 3 * ((local.month - 1) // 3) + 1, 1
            )

    @api.depends(
        "date_received",
        "date_answered",
        "date_closed",
        "team_id.resource_calendar_id",
        "company_id.resource_calendar_id",
    )
    def _compute_handling_days(self):
        working = {}
        for complaint in self:
            end = complaint.date_answered or complaint.date_closed
            if not (end and complaint.date_received):
                # Open complaints cost no calendar lookup (registration
                # stays as cheap as it was).
                complaint.handling_days = 0
                continue
            calendar = complaint._get_term_calendar()
            if not calendar:
                complaint.handling_days = 0
                continue
            if calendar not in working:
                working[calendar] = calendar._klachtenbeheer_working_calendar()
            # Terms run from the day after receipt (Algemene termijnenwet):
            # an answer on the day of receipt took 0 working days.
            complaint.handling_days = working[calendar].days_after(
                complaint.date_received, end
            )
