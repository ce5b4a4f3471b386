# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


# One file per topic extends the complaint, so parallel work merges cleanly.
class KlachtenbeheerComplaintImprovement(models.Model):
    _inherit = "klachtenbeheer.complaint"  # pylint: disable=consider-merging-classes-inherited

    improvement_action_ids = fields.Many2many(
        comodel_name="klachtenbeheer.improvement.action",
        relation="klachtenbeheer_complaint_improvement_action_rel",
        column1="complaint_id",
        column2="action_id",
        string="Improvement Actions",
        copy=False,
    )
    improvement_action_count = fields.Integer(
        compute="_compute_improvement_action_count",
    )

    @api.depends("improvement_action_ids")
    def _compute_improvement_action_count(self):
        for complaint in self:
            complaint.improvement_action_count = len(complaint.improvement_action_ids)

    def _prepare_improvement_action_defaults(self):
        """Default values of an improvement action made from these complaints.

        Override to prefill more (e.g. a policy gap found in the analysis).
        """
        first = self[:1]
        teams = self.team_id
        return {
            "default_name": first.subject if len(self) == 1 else False,
            "default_complaint_ids": self.ids,
            "default_team_id": teams.id if len(teams) == 1 else False,
            "default_company_id": first.company_id.id or self.env.company.id,
            "default_root_cause": "\n".join(filter(None, self.mapped("causes")))
            or False,
        }

    def action_create_improvement_action(self):
        """Open a new improvement action prefilled from these complaints."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Improvement Action"),
            "res_model": "klachtenbeheer.improvement.action",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": self._prepare_improvement_action_defaults(),
        }

    def action_view_improvement_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_improvement_action_action"
        )
        action["domain"] = [("complaint_ids", "in", self.ids)]
        action["context"] = self._prepare_improvement_action_defaults()
        return action
