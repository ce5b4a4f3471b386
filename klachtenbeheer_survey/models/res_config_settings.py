# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    klachtenbeheer_survey_id = fields.Many2one(
        related="company_id.klachtenbeheer_survey_id", readonly=False
    )
    klachtenbeheer_survey_reinvite = fields.Selection(
        related="company_id.klachtenbeheer_survey_reinvite", readonly=False
    )
    klachtenbeheer_survey_reminder_days = fields.Integer(
        related="company_id.klachtenbeheer_survey_reminder_days", readonly=False
    )
    klachtenbeheer_survey_threshold = fields.Integer(
        related="company_id.klachtenbeheer_survey_threshold", readonly=False
    )
    klachtenbeheer_survey_user_id = fields.Many2one(
        related="company_id.klachtenbeheer_survey_user_id", readonly=False
    )
