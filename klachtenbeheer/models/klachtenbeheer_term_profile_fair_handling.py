# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KlachtenbeheerTermProfileFairHandling(models.Model):
    _inherit = "klachtenbeheer.term.profile"

    next_step_text = fields.Html(
        string="Where to Go Next",
        sanitize_style=True,
        help="Closes the decision letter: where a complainant who is not "
        "satisfied can go next (a corporation: the regional complaints "
        "committee and the Huurcommissie, 004 §1.3; a public body: the "
        "Nationale or the municipal ombudsman, Awb 9:18).",
    )
