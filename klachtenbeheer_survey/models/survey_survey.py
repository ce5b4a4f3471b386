# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    complaint_anonymous = fields.Boolean(
        string="Anonymous for Handlers",
        help="Answers to this survey after a complaint count in the report, "
        "but are not linked to the complainant and not shown on the "
        "complaint: handlers do not see who answered what.",
    )
