# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KlachtenbeheerCategory(models.Model):
    _inherit = "klachtenbeheer.category"

    website_published = fields.Boolean(
        string="On the Web Form",
        default=True,
        help="Complainants can choose this category on the public web form.",
    )
    web_team_id = fields.Many2one(
        comodel_name="klachtenbeheer.team",
        string="Web Form Team",
        help="Team that gets the complaints of this category sent through the "
        "web form; empty: the company's default web form team.",
    )
