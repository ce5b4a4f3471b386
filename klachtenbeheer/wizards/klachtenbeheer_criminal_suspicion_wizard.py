# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KlachtenbeheerCriminalSuspicionWizard(models.TransientModel):
    """Submit a complaint to the board: serious suspicion of a criminal
    offence (WMD-klachtenbeleid §2.5)."""

    _name = "klachtenbeheer.criminal.suspicion.wizard"
    _description = "Submit a Complaint to the Board"

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint", required=True, readonly=True
    )
    reason = fields.Text()

    def action_lift(self):
        """The board or a coordinator returns the complaint to the
        procedure, with the reason (WMD-klachtenbeleid §2.5)."""
        self.ensure_one()
        self.complaint_id.action_lift_criminal_suspicion(self.reason)
        return {"type": "ir.actions.act_window_close"}

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id._flag_criminal_suspicion(self.reason)
        if self.env.user.has_group(
            "klachtenbeheer.group_klachtenbeheer_coordinator"
        ) or self.env.user.has_group("klachtenbeheer.group_klachtenbeheer_board"):
            return {"type": "ir.actions.act_window_close"}
        # The handler no longer sees the complaint: back to the list.
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action"
        )
        action["target"] = "main"
        return action
