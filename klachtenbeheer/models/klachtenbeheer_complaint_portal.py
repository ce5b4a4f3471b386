# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Internal only: the investigation, the people it is about and the
# bookkeeping of the terms. Portal users read their own complaints (record
# rule), also over RPC; these fields stay hidden from them there. Fields the
# backend views use in their modifiers (validity, criminal_suspicion,
# no_hearing_reason, repeat_reason, answer_approved_by_id) cannot carry groups
# without view warnings; the portal pages do not show them.
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
    # Procedure rules and fair handling.
    criminal_suspicion_reason = fields.Text(groups=INTERNAL)
    criminal_suspicion_date = fields.Datetime(groups=INTERNAL)
    criminal_suspicion_user_id = fields.Many2one(groups=INTERNAL)
    policy_kind = fields.Selection(groups=INTERNAL)
    policy_judgement = fields.Selection(groups=INTERNAL)
    mt_agenda = fields.Boolean(groups=INTERNAL)
    legal_advice = fields.Html(groups=INTERNAL)
    legal_advisor_id = fields.Many2one(groups=INTERNAL)
    employee_repeat_count = fields.Integer(groups=INTERNAL)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/klachten/{complaint.id}"
        return res
