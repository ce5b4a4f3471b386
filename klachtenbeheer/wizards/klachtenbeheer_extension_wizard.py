# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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

    def action_confirm(self):
        """Record the extension: its rules and its notice are the
        extension's own (``klachtenbeheer.complaint.extension.create``)."""
        self.ensure_one()
        self.env["klachtenbeheer.complaint.extension"].create(
            {
                "complaint_id": self.complaint_id.id,
                "weeks": self.weeks,
                "reason": self.reason,
                "complainant_consent": self.complainant_consent,
                "consent_note": self.consent_note,
            }
        )
        return {"type": "ir.actions.act_window_close"}
