# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Triage (WMD-klachtenbeleid §1.2): a repair request, a nuisance report or a
report of housing fraud is not a complaint, nor is a dispute (a disagreement
that a competent body settles: the Huurcommissie, a disputes committee, the
court). It is redirected, with a note, and leaves the complaint counts; it
stays in the register, countable by kind. The sender, who was told "we
received your complaint", hears where it went.
Hidden complaints ("Is hij er weer niet?") are registered so that they count.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

KINDS = [
    ("complaint", "Complaint"),
    ("repair_request", "Repair Request"),
    ("nuisance", "Nuisance Report"),
    ("housing_fraud", "Housing Fraud Report"),
    ("dispute", "Dispute"),
]


class KlachtenbeheerComplaintTriage(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    kind = fields.Selection(
        KINDS,
        default="complaint",
        required=True,
        index=True,
        tracking=True,
        help="Only complaints count as complaints; the other reports are "
        "redirected to whoever handles them.",
    )
    redirect_note = fields.Text(
        string="Redirection",
        tracking=True,
        help="To whom the report was passed on, and how.",
    )
    redirect_message = fields.Text(
        string="Message to the Sender",
        help="Added to the notice that tells the sender where the report "
        "went (e.g. the repair job's number). The redirection note itself is "
        "internal.",
    )
    is_hidden_complaint = fields.Boolean(
        string="Hidden Complaint",
        index=True,
        help="A remark that shows dissatisfaction without being meant as a "
        'complaint ("Is he out again?"). Registered so that it counts '
        "(Gids klachtenmanagement).",
    )
    source_model = fields.Char(string="Registered From (Model)", readonly=True)
    source_res_id = fields.Many2oneReference(
        string="Registered From (Record)", model_field="source_model", readonly=True
    )

    @api.constrains("kind", "redirect_note")
    def _check_redirect_note(self):
        for complaint in self:
            if (
                complaint.kind != "complaint"
                and not (complaint.redirect_note or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a complaint: please note to whom the "
                        "report was redirected.",
                        number=complaint.name,
                    )
                )

    def action_open_triage_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not a Complaint"),
            "res_model": "klachtenbeheer.triage.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def _send_redirect_notice(self):
        """Tell the sender of a redirected report where it went, in their
        language, by e-mail: only to the complainant or their representative
        (never an employee, a machine's address or our own domain). Returns
        the reports that got the notice (their ``redirect_message`` is in
        it)."""
        template = self.env.ref(
            "klachtenbeheer.mail_template_redirect_notice", raise_if_not_found=False
        )
        if not template:
            return self.browse()
        todo = self.filtered(lambda c: c.kind != "complaint")._klachtenbeheer_mailable()
        for complaint in todo:
            complaint.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )
        return todo

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.source_model,
            "res_id": self.source_res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
