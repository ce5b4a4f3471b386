# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    klachtenbeheer_allow_anonymous = fields.Boolean(
        string="Allow Anonymous Complaints",
        default=True,
        help="When unchecked, every complaint must name its complainant.",
    )
    klachtenbeheer_term_profile_id = fields.Many2one(
        comodel_name="klachtenbeheer.term.profile",
        string="Complaint Term Profile",
        default=lambda self: self.env.ref(
            "klachtenbeheer.term_profile_corporation", raise_if_not_found=False
        ),
    )
