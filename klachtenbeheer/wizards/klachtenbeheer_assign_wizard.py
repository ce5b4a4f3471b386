# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class KlachtenbeheerAssignWizard(models.TransientModel):
    """Assign the complaints selected in the list to a team and/or handler at
    once. One write as the user: the complaint's rules (record rules, the
    team manager's say over a repeat, the employee concerned never handling
    their own complaint, Awb 9:7) decide, as for a write in the form."""

    _name = "klachtenbeheer.assign.wizard"
    _description = "Assign Complaints"

    complaint_ids = fields.Many2many(
        comodel_name="klachtenbeheer.complaint",
        string="Complaints",
        default=lambda self: self._default_complaint_ids(),
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    team_id = fields.Many2one(comodel_name="klachtenbeheer.team", string="Team")
    user_id = fields.Many2one(
        comodel_name="res.users", string="Handler", domain=[("share", "=", False)]
    )

    @api.model
    def _default_complaint_ids(self):
        if self.env.context.get("active_model") != "klachtenbeheer.complaint":
            return []
        return [fields.Command.set(self.env.context.get("active_ids") or [])]

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for wizard in self:
            wizard.complaint_count = len(wizard.complaint_ids)

    def _prepare_assign_vals(self):
        self.ensure_one()
        vals = {}
        if self.team_id:
            vals["team_id"] = self.team_id.id
        if self.user_id:
            vals["user_id"] = self.user_id.id
        return vals

    def action_assign(self):
        self.ensure_one()
        vals = self._prepare_assign_vals()
        if not vals:
            raise UserError(self.env._("Choose a team or a handler to assign."))
        # (The many2many hides what the user may not read: write those too,
        # so that the record rules refuse them instead of skipping them.)
        complaints = self.env["klachtenbeheer.complaint"].browse(
            self.sudo().complaint_ids.ids
        )
        complaints.write(vals)
        return {"type": "ir.actions.act_window_close"}
