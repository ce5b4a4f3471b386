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

    klachtenbeheer_criminal_access_ids = fields.Many2many(
        comodel_name="klachtenbeheer.complaint",
        compute="_compute_klachtenbeheer_criminal_access_ids",
        context={"active_test": False},
        string="Suspected Offences Given Back",
        groups="base.group_user",
        help="The complaints with a suspicion of a criminal offence that the "
        "board lets this user see (WMD-klachtenbeleid §2.5).",
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

    def _compute_klachtenbeheer_criminal_access_ids(self):
        # Read by the record rule as klachtenbeheer_team_ids is (a list of
        # ids, no sub-query per complaint); klachtenbeheer.complaint clears
        # the rules' cache when the board changes who has access.
        Complaint = (
            self.env["klachtenbeheer.complaint"].sudo().with_context(active_test=False)
        )
        for user in self:
            user.klachtenbeheer_criminal_access_ids = Complaint.search(
                [("criminal_access_user_ids", "in", user.ids)]
            )
