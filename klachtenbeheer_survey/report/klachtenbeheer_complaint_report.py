# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class KlachtenbeheerComplaintReport(models.Model):
    """The satisfaction grades next to the other figures of the analysis.

    Only named answers are on the complaint (anonymous ones stay in the
    satisfaction analysis), so this is the average of those.
    """

    _inherit = "klachtenbeheer.complaint.report"

    survey_handling_grade = fields.Float(
        string="Grade for the Handling", readonly=True, aggregator="avg"
    )
    survey_outcome_grade = fields.Float(
        string="Grade for the Outcome", readonly=True, aggregator="avg"
    )
    survey_answered_count = fields.Integer(
        string="Surveys Answered", readonly=True, aggregator="sum"
    )

    def _select(self):
        return SQL(
            """%s,
            CASE WHEN c.survey_state = 'done'
                 THEN NULLIF(c.survey_handling_grade, 0) END
                AS survey_handling_grade,
            CASE WHEN c.survey_state = 'done'
                 THEN NULLIF(c.survey_outcome_grade, 0) END
                AS survey_outcome_grade,
            CASE WHEN c.survey_state = 'done' THEN 1 ELSE 0 END
                AS survey_answered_count
            """,
            super()._select(),
        )
