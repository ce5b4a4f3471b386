# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KlachtenbeheerTeam(models.Model):
    _inherit = "klachtenbeheer.team"

    survey_id = fields.Many2one(
        comodel_name="survey.survey",
        string="Satisfaction Survey",
        help="Survey sent after closing this team's complaints. Empty: the "
        "company's default survey.",
    )

    def _get_satisfaction_survey(self):
        """Return the survey to send for complaints of this team (or none)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return (
            self.survey_id
            or company.klachtenbeheer_survey_id
            or self.env.ref(
                "klachtenbeheer_survey.survey_satisfaction", raise_if_not_found=False
            )
        )
