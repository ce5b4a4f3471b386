# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Internal only: the investigation, the people it is about and the
# bookkeeping of the terms. Portal users read their own complaints (record
# rule), also over RPC; these fields stay hidden from them there. Fields the
# backend views use in their modifiers (validity) cannot carry groups without
# view warnings; the portal pages do not show them. The fields of the
# procedure rules and fair handling (4a/4b) are not restricted here yet.
INTERNAL = "base.group_user"


class KlachtenbeheerComplaintPortal(models.Model):
    _name = "klachtenbeheer.complaint"
    _inherit = ["klachtenbeheer.complaint", "portal.mixin"]

    user_concerned_id = fields.Many2one(groups=INTERNAL)
    third_party_id = fields.Many2one(groups=INTERNAL)
    registered_by_id = fields.Many2one(groups=INTERNAL)
    facts = fields.Text(groups=INTERNAL)
    circumstances = fields.Text(groups=INTERNAL)
    causes = fields.Text(groups=INTERNAL)
    severity = fields.Selection(groups=INTERNAL)
    damage_description = fields.Text(groups=INTERNAL)
    damage_amount = fields.Monetary(groups=INTERNAL)
    compensation_amount = fields.Monetary(groups=INTERNAL)
    term_warned_on = fields.Date(groups=INTERNAL)
    term_escalated_on = fields.Date(groups=INTERNAL)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/klachten/{complaint.id}"
        return res
