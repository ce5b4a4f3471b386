# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

DECISION_TEMPLATE = "klachtenbeheer.mail_template_decision"


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        """Sending the decision letter (the composer on the decision
        template, opened by *Send Decision*) stamps the decision as sent and
        meets the answer term (Awb 9:12: the complainant is told the
        outcome in writing)."""
        result = super()._action_send_mail(auto_commit=auto_commit)
        decision = self.env.ref(DECISION_TEMPLATE, raise_if_not_found=False)
        for wizard in self:
            if (
                decision
                and wizard.template_id == decision
                and wizard.model == "klachtenbeheer.complaint"
                and wizard.composition_mode == "comment"
            ):
                self.env[wizard.model].browse(
                    wizard._evaluate_res_ids()
                )._mark_decision_sent()
        return result
