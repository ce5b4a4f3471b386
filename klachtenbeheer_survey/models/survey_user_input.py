# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    # Links each answer to the complaint it is about, so results can be
    # joined to team, category and validity.
    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        string="Complaint",
        index="btree_not_null",
        ondelete="set null",
    )
