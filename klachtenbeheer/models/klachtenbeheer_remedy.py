# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KlachtenbeheerRemedy(models.Model):
    _name = "klachtenbeheer.remedy"
    _description = "Complaint Remedy"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_compensation = fields.Boolean(
        string="Financial Compensation",
        help="Choosing this remedy means a compensation amount is paid.",
    )
