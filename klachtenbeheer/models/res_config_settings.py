# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    klachtenbeheer_allow_anonymous = fields.Boolean(
        related="company_id.klachtenbeheer_allow_anonymous",
        readonly=False,
    )
    klachtenbeheer_term_profile_id = fields.Many2one(
        related="company_id.klachtenbeheer_term_profile_id",
        readonly=False,
    )
