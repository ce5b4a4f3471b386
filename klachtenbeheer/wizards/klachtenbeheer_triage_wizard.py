# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.klachtenbeheer_complaint_triage import KINDS


class KlachtenbeheerTriageWizard(models.TransientModel):
    """Mark a report as not a complaint and record where it went."""

    _name = "klachtenbeheer.triage.wizard"
    _description = "Redirect a Report That Is Not a Complaint"

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint", required=True, ondelete="cascade"
    )
    kind = fields.Selection(
        [kind for kind in KINDS if kind[0] != "complaint"],
        required=True,
        default="repair_request",
    )
    redirect_note = fields.Text(
        string="Redirection",
        required=True,
        help="To whom the report was passed on, and how (e.g. the repair "
        "request was entered in the maintenance system as job 4711).",
    )
    notify_sender = fields.Boolean(
        string="Inform the Sender",
        default=True,
        help="E-mail the sender (who was told that we received their "
        "complaint) that this is not a complaint and where it went. Only to "
        "the complainant's or representative's own address.",
    )
    redirect_message = fields.Text(
        string="Message to the Sender",
        help="Added to the notice, e.g. the repair job's number. Leave out "
        "what the sender may not know (a fraud investigation's details).",
    )

    def action_confirm(self):
        self.ensure_one()
        complaint = self.complaint_id
        if complaint.is_closed:
            raise UserError(
                self.env._(
                    "%(number)s is already closed: it cannot be redirected.",
                    number=complaint.name,
                )
            )
        stage = self.env.ref("klachtenbeheer.stage_redirected")
        complaint.write(
            {
                "kind": self.kind,
                "redirect_note": self.redirect_note,
                "redirect_message": self.redirect_message,
                "stage_id": stage.id,
            }
        )
        kind_label = dict(self._fields["kind"]._description_selection(self.env))[
            self.kind
        ]
        complaint.message_post(
            body=self.env._(
                "Not a complaint but a %(kind)s; redirected: %(note)s",
                kind=kind_label.lower(),
                note=self.redirect_note,
            ),
            subtype_xmlid="mail.mt_note",
        )
        if self.notify_sender:
            complaint._send_redirect_notice()
        return {"type": "ir.actions.act_window_close"}
