# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class KlachtenbeheerExtensionWizard(models.TransientModel):
    """Extend the answer term once (Awb 9:11), with a reason and a notice."""

    _name = "klachtenbeheer.extension.wizard"
    _description = "Extend the Answer Term"

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint", required=True, readonly=True
    )
    is_further_extension = fields.Boolean(compute="_compute_is_further_extension")
    max_weeks = fields.Integer(compute="_compute_is_further_extension")
    weeks = fields.Integer(required=True, default=4)
    reason = fields.Text(required=True)
    complainant_consent = fields.Boolean(
        string="The complainant agreed",
        help="A second extension is only possible with the complainant's "
        "consent (Awb 9:11 paragraph 2).",
    )
    consent_note = fields.Text(
        string="How the consent was given",
        help="E.g. by phone on 12-05 with the complainant, confirmed by e-mail.",
    )

    @api.depends("complaint_id")
    def _compute_is_further_extension(self):
        for wizard in self:
            wizard.is_further_extension = bool(wizard.complaint_id.extension_ids)
            wizard.max_weeks = wizard.complaint_id.term_profile_id.extension_max_weeks

    def _check_extension(self):
        self.ensure_one()
        complaint = self.complaint_id
        if complaint.is_closed or complaint.date_answered:
            raise UserError(
                self.env._(
                    "Complaint %s has been answered: its term cannot be extended.",
                    complaint.name,
                )
            )
        if self.weeks <= 0:
            raise UserError(self.env._("Extend by at least one week."))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for the extension."))
        if self.is_further_extension:
            if not self.complainant_consent or not (self.consent_note or "").strip():
                raise UserError(
                    self.env._(
                        "The term of complaint %s was extended before. A further "
                        "delay needs the complainant's consent: record it and how "
                        "it was given.",
                        complaint.name,
                    )
                )
        elif self.weeks > self.max_weeks:
            raise UserError(
                self.env._(
                    "The answer term can be extended by at most %(weeks)s weeks.",
                    weeks=self.max_weeks,
                )
            )

    def action_confirm(self):
        self.ensure_one()
        self._check_extension()
        complaint = self.complaint_id
        before = complaint.date_answer_due
        extension = self.env["klachtenbeheer.complaint.extension"].create(
            {
                "complaint_id": complaint.id,
                "weeks": self.weeks,
                "reason": self.reason,
                "complainant_consent": self.complainant_consent,
                "consent_note": self.consent_note,
                "date_due_before": before,
            }
        )
        complaint.flush_recordset(["date_answer_due"])
        # The history is read-only for handlers; the wizard completes it.
        extension.sudo().date_due_after = complaint.date_answer_due
        complaint.write({"term_warned_on": False, "term_escalated_on": False})
        complaint._sync_term_activities()
        template = self.env.ref("klachtenbeheer.mail_template_extension")
        partners = complaint.partner_id | complaint.user_concerned_id.partner_id
        complaint.message_post_with_source(
            template,
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
            partner_ids=partners.ids,
        )
        return {"type": "ir.actions.act_window_close"}
