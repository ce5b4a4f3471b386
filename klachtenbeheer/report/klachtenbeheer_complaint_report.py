# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.klachtenbeheer_complaint import CHANNELS, VALIDITIES


class KlachtenbeheerComplaintReport(models.Model):
    """The organisation's memory (Gids klachtenmanagement): one row per
    complaint, with the figures the management team discusses each quarter
    (WMD-klachtenbeleid §3).

    A SQL view like Odoo's ``crm.activity.report``: other addons add columns
    by extending ``_select()`` (and ``_from()`` for joins) and declaring the
    field, e.g. the survey addon adds the satisfaction grades.
    """

    _name = "klachtenbeheer.complaint.report"
    _description = "Complaint Analysis"
    _auto = False
    _order = "date_received desc, id desc"
    _rec_name = "name"
    # Reads flush what the view reads first (a complaint changed in the same
    # transaction counts as changed). Extensions add theirs.
    _depends = {
        "klachtenbeheer.complaint": [
            "active",
            "answer_timeliness",
            "category_id",
            "channel",
            "company_id",
            "compensation_amount",
            "date_answered",
            "date_closed",
            "date_received",
            "date_received_month",
            "date_received_quarter",
            "handling_days",
            "is_closed",
            "is_repeat",
            "kind",
            "mt_agenda",
            "name",
            "outside_procedure_ground_id",
            "partner_id",
            "registered_by_id",
            "stage_id",
            "team_id",
            "user_id",
            "validity",
        ],
    }

    complaint_id = fields.Many2one(
        "klachtenbeheer.complaint", string="Complaint", readonly=True
    )
    name = fields.Char(string="Number", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    team_id = fields.Many2one("klachtenbeheer.team", string="Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Handler", readonly=True)
    registered_by_id = fields.Many2one(
        "res.users", string="Registered By", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Complainant", readonly=True)
    category_id = fields.Many2one(
        "klachtenbeheer.category", string="Category", readonly=True
    )
    stage_id = fields.Many2one("klachtenbeheer.stage", string="Stage", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    validity = fields.Selection(VALIDITIES, readonly=True)
    is_closed = fields.Boolean(string="Closed", readonly=True)
    date_received = fields.Datetime(string="Received On", readonly=True)
    date_answered = fields.Datetime(string="Answered On", readonly=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True)
    date_month = fields.Date(string="Month", readonly=True)
    date_quarter = fields.Date(string="Quarter", readonly=True)
    answer_timeliness = fields.Selection(
        [("on_time", "On Time"), ("late", "Late")], readonly=True
    )
    complaint_count = fields.Integer(
        string="Complaints", readonly=True, aggregator="sum"
    )
    answered_count = fields.Integer(string="Answered", readonly=True, aggregator="sum")
    on_time_count = fields.Integer(
        string="Answered On Time", readonly=True, aggregator="sum"
    )
    on_time_rate = fields.Float(
        string="On Time (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the answered complaints answered within the term.",
    )
    founded_count = fields.Integer(
        string="Founded",
        readonly=True,
        aggregator="sum",
        help="Founded or partly founded.",
    )
    founded_rate = fields.Float(
        string="Founded (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the judged complaints (founded, partly founded or "
        "unfounded) that were founded or partly founded.",
    )
    handling_days = fields.Float(
        string="Handling Time (working days)",
        readonly=True,
        aggregator="avg",
        help="Average working days from receipt to answer or closure; open "
        "complaints do not count.",
    )
    compensation_amount = fields.Float(readonly=True, aggregator="sum")
    # Procedure rules (WMD-klachtenbeleid §2.4-2.6).
    is_repeat = fields.Boolean(string="Repeat Complaint", readonly=True)
    repeat_rate = fields.Float(
        string="Repeat Complaints (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the complaints that repeat an earlier complaint.",
    )
    outside_procedure_ground_id = fields.Many2one(
        "klachtenbeheer.procedure.ground",
        string="Outside the Procedure",
        readonly=True,
    )
    mt_agenda = fields.Boolean(string="On the MT Agenda", readonly=True)

    def _select(self):
        """Columns of the view. Extend with ``SQL("%s, ...", super()._select())``."""
        return SQL(
            """
            c.id AS id,
            c.id AS complaint_id,
            c.name AS name,
            c.company_id AS company_id,
            c.team_id AS team_id,
            c.user_id AS user_id,
            c.registered_by_id AS registered_by_id,
            c.partner_id AS partner_id,
            c.category_id AS category_id,
            c.stage_id AS stage_id,
            c.channel AS channel,
            c.validity AS validity,
            c.is_closed AS is_closed,
            c.date_received AS date_received,
            c.date_answered AS date_answered,
            c.date_closed AS date_closed,
            c.date_received_month AS date_month,
            c.date_received_quarter AS date_quarter,
            c.answer_timeliness AS answer_timeliness,
            1 AS complaint_count,
            CASE WHEN c.answer_timeliness IS NOT NULL THEN 1 ELSE 0 END
                AS answered_count,
            CASE WHEN c.answer_timeliness = 'on_time' THEN 1 ELSE 0 END
                AS on_time_count,
            CASE WHEN c.answer_timeliness = 'on_time' THEN 100.0
                 WHEN c.answer_timeliness = 'late' THEN 0.0 END AS on_time_rate,
            CASE WHEN c.validity IN ('founded', 'partly_founded') THEN 1 ELSE 0 END
                AS founded_count,
            CASE WHEN c.validity IN ('founded', 'partly_founded') THEN 100.0
                 WHEN c.validity = 'unfounded' THEN 0.0 END AS founded_rate,
            CASE WHEN c.date_answered IS NOT NULL OR c.date_closed IS NOT NULL
                 THEN c.handling_days END AS handling_days,
            c.compensation_amount AS compensation_amount,
            COALESCE(c.is_repeat, FALSE) AS is_repeat,
            CASE WHEN c.is_repeat THEN 100.0 ELSE 0.0 END AS repeat_rate,
            c.outside_procedure_ground_id AS outside_procedure_ground_id,
            COALESCE(c.mt_agenda, FALSE) AS mt_agenda
            """
        )

    def _from(self):
        """Tables of the view; the complaint is ``c``."""
        return SQL("klachtenbeheer_complaint c")

    def _where(self):
        """Which complaints count: archived ones (mistakes, duplicates) not,
        nor reports triaged as no complaint (repair request, nuisance,
        housing fraud: WMD-klachtenbeleid §1.2), which have their own menu."""
        return SQL("c.active AND COALESCE(c.kind, 'complaint') = 'complaint'")

    def _group_by(self):
        """One row per complaint: empty unless an extension aggregates."""
        return SQL()

    def _query(self):
        group_by = self._group_by()
        return SQL(
            "SELECT %s FROM %s WHERE %s%s",
            self._select(),
            self._from(),
            self._where(),
            SQL(" GROUP BY %s", group_by) if group_by else SQL(),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
