# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    klachtenbeheer_team_ids = fields.Many2many(
        comodel_name="klachtenbeheer.team",
        compute="_compute_klachtenbeheer_team_ids",
        context={"active_test": False},
        string="Complaint Teams",
        groups="base.group_user",
        help="The teams this user is a member or the manager of: the "
        "complaints a handler sees.",
    )

    def _compute_klachtenbeheer_team_ids(self):
        # The record rules read this list once per user and cache the domain
        # (ir.rule._compute_domain); klachtenbeheer.team clears that cache
        # when a membership changes. Archived teams count, as they do in a
        # rule that follows team_id.member_ids.
        Team = self.env["klachtenbeheer.team"].sudo().with_context(active_test=False)
        for user in self:
            user.klachtenbeheer_team_ids = Team.search(
                ["|", ("member_ids", "in", user.ids), ("user_id", "=", user.id)]
            )
