# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KlachtenbeheerCategory(models.Model):
    _name = "klachtenbeheer.category"
    _description = "Complaint Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    term_profile_id = fields.Many2one(
        comodel_name="klachtenbeheer.term.profile",
        string="Term Profile",
        help="Terms for complaints of this category; empty: the team's or "
        "the company's.",
    )
