# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.klachtenbeheer.models.klachtenbeheer_complaint import VALIDITIES


class KlachtenbeheerSurveyReport(models.Model):
    """One row per satisfaction survey sent after a closure.

    Anonymous answers keep their team, category, validity and quarter, so
    they count, but lose the complaint and the handler.
    """

    _name = "klachtenbeheer.survey.report"
    _description = "Complaint Satisfaction Analysis"
    _auto = False
    _order = "date_closed desc"
    _rec_name = "survey_id"
    # Reads flush these first (the view reads their columns).
    _depends = {
        "survey.user_input": [
            "survey_id",
            "complaint_id",
            "complaint_anonymous",
            "complaint_date_closed",
            "complaint_date_invited",
            "state",
            "end_datetime",
            "complaint_handling_grade",
            "complaint_outcome_grade",
            "complaint_aspect_id",
            "complaint_callback",
            "test_entry",
        ],
        "klachtenbeheer.complaint": [
            "company_id",
            "user_id",
            "team_id",
            "category_id",
            "validity",
        ],
    }

    survey_id = fields.Many2one("survey.survey", string="Survey", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    complaint_id = fields.Many2one(
        "klachtenbeheer.complaint", string="Complaint", readonly=True
    )
    team_id = fields.Many2one("klachtenbeheer.team", string="Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Handler", readonly=True)
    category_id = fields.Many2one(
        "klachtenbeheer.category", string="Category", readonly=True
    )
    validity = fields.Selection(VALIDITIES, readonly=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True)
    date_invited = fields.Datetime(string="Invited On", readonly=True)
    date_done = fields.Datetime(string="Answered On", readonly=True)
    is_anonymous = fields.Boolean(string="Anonymous", readonly=True)
    is_answered = fields.Boolean(string="Answered", readonly=True)
    invitation_count = fields.Integer(
        string="Invitations", readonly=True, aggregator="sum"
    )
    answer_count = fields.Integer(string="Answers", readonly=True, aggregator="sum")
    response_rate = fields.Float(
        string="Response Rate (%)", readonly=True, aggregator="avg"
    )
    handling_grade = fields.Float(
        string="Grade for the Handling", readonly=True, aggregator="avg"
    )
    outcome_grade = fields.Float(
        string="Grade for the Outcome", readonly=True, aggregator="avg"
    )
    aspect_id = fields.Many2one(
        "survey.question.answer", string="Aspect That Mattered Most", readonly=True
    )
    callback = fields.Boolean(string="Call Back Requested", readonly=True)

    def _query(self):
        return """
            SELECT
                ui.id AS id,
                ui.survey_id AS survey_id,
                c.company_id AS company_id,
                CASE WHEN ui.complaint_anonymous THEN NULL ELSE c.id END
                    AS complaint_id,
                CASE WHEN ui.complaint_anonymous THEN NULL ELSE c.user_id END
                    AS user_id,
                c.team_id AS team_id,
                c.category_id AS category_id,
                c.validity AS validity,
                ui.complaint_date_closed AS date_closed,
                ui.complaint_date_invited AS date_invited,
                CASE WHEN ui.state = 'done' THEN ui.end_datetime END AS date_done,
                COALESCE(ui.complaint_anonymous, FALSE) AS is_anonymous,
                ui.state = 'done' AS is_answered,
                1 AS invitation_count,
                CASE WHEN ui.state = 'done' THEN 1 ELSE 0 END AS answer_count,
                CASE WHEN ui.state = 'done' THEN 100.0 ELSE 0.0 END
                    AS response_rate,
                CASE WHEN ui.state = 'done'
                    THEN NULLIF(ui.complaint_handling_grade, 0) END
                    AS handling_grade,
                CASE WHEN ui.state = 'done'
                    THEN NULLIF(ui.complaint_outcome_grade, 0) END
                    AS outcome_grade,
                CASE WHEN ui.state = 'done' THEN ui.complaint_aspect_id END
                    AS aspect_id,
                COALESCE(ui.complaint_callback, FALSE) AS callback
            FROM survey_user_input ui
            JOIN klachtenbeheer_complaint c ON c.id = ui.complaint_id
            WHERE ui.test_entry IS NOT TRUE
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(self._query()),
            )
        )
