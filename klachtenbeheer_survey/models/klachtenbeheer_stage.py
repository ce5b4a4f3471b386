# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KlachtenbeheerStage(models.Model):
    _inherit = "klachtenbeheer.stage"

    survey_send = fields.Boolean(
        string="Send Satisfaction Survey",
        help="When a complaint reaches this closed stage, the complainant is "
        "invited to the satisfaction survey (if an e-mail address is known).",
    )
