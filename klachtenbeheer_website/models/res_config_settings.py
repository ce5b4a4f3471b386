# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    klachtenbeheer_web_team_id = fields.Many2one(
        related="company_id.klachtenbeheer_web_team_id", readonly=False
    )
    klachtenbeheer_web_max_upload_mb = fields.Integer(
        related="company_id.klachtenbeheer_web_max_upload_mb", readonly=False
    )
    klachtenbeheer_web_extensions = fields.Char(
        related="company_id.klachtenbeheer_web_extensions", readonly=False
    )
    klachtenbeheer_web_rate_limit = fields.Integer(
        related="company_id.klachtenbeheer_web_rate_limit", readonly=False
    )
    klachtenbeheer_web_privacy_url = fields.Char(
        related="company_id.klachtenbeheer_web_privacy_url", readonly=False
    )
    klachtenbeheer_web_privacy_text = fields.Text(
        related="company_id.klachtenbeheer_web_privacy_text", readonly=False
    )
