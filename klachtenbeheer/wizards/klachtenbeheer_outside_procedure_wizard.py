# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class KlachtenbeheerOutsideProcedureWizard(models.TransientModel):
    """Put a complaint outside the procedure (WMD-klachtenbeleid §2.5, Awb 9:8).

    The complaint is not handled on substance, but the complainant gets the
    reason and a referral within the term; the complaint is closed in the
    stage "Outside the Procedure" and keeps its ground for the reports.
    """

    _name = "klachtenbeheer.outside.procedure.wizard"
    _description = "Put a Complaint Outside the Procedure"

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint", required=True, readonly=True
    )
    allowed_ground_ids = fields.Many2many(
        comodel_name="klachtenbeheer.procedure.ground",
        compute="_compute_allowed_ground_ids",
    )
    ground_id = fields.Many2one(
        comodel_name="klachtenbeheer.procedure.ground",
        string="Ground",
        domain="[('id', 'in', allowed_ground_ids)]",
    )
    body = fields.Html(
        string="Referral",
        compute="_compute_body",
        store=True,
        readonly=False,
        sanitize_style=True,
    )
    can_mail = fields.Boolean(compute="_compute_can_mail")
    date_due = fields.Date(
        string="Send By",
        compute="_compute_date_due",
        help="The complainant hears within the term that the complaint is not "
        "handled (Awb 9:8 paragraph 3: four weeks; otherwise the answer term).",
    )

    @api.depends("complaint_id")
    def _compute_allowed_ground_ids(self):
        Ground = self.env["klachtenbeheer.procedure.ground"]
        for wizard in self:
            wizard.allowed_ground_ids = (
                Ground.search(Ground._available_domain(wizard.complaint_id))
                if wizard.complaint_id
                else Ground
            )

    @api.depends("complaint_id")
    def _compute_can_mail(self):
        for wizard in self:
            complaint = wizard.complaint_id
            wizard.can_mail = bool(complaint.partner_id.email or complaint.email_from)

    @api.depends("complaint_id")
    def _compute_date_due(self):
        for wizard in self:
            wizard.date_due = wizard.complaint_id._outside_procedure_date_due()

    @api.depends("ground_id")
    def _compute_body(self):
        for wizard in self:
            complaint = wizard.complaint_id
            if not wizard.ground_id:
                wizard.body = False
                continue
            lang = complaint.partner_id.lang or self.env.lang
            env = self.with_context(lang=lang).env
            name = complaint.contact_name or env._("complainant")
            wizard.body = (
                Markup("<p>%s</p>") % env._("Dear %(name)s,", name=escape(name))
                + Markup("<p>%s</p>")
                % env._(
                    "On %(date)s we received your complaint %(number)s "
                    "(%(subject)s). We will not handle it on substance, for "
                    "the following reason.",
                    date=complaint.date_received
                    and complaint.date_received.strftime("%d-%m-%Y"),
                    number=complaint.name,
                    subject=complaint.subject,
                )
                + (wizard.ground_id.referral_text or Markup())
                + Markup("<p>%s<br/>%s</p>")
                % (env._("Kind regards,"), complaint.company_id.name)
            )

    def _check_confirm(self):
        self.ensure_one()
        complaint = self.complaint_id
        if not self.ground_id:
            raise UserError(
                self.env._(
                    "Choose the ground on which complaint %s is not handled.",
                    complaint.name,
                )
            )
        if self.ground_id not in self.allowed_ground_ids:
            raise UserError(
                self.env._(
                    "The ground %(ground)s does not apply to complaint %(number)s.",
                    ground=self.ground_id.display_name,
                    number=complaint.name,
                )
            )
        if is_html_empty(self.body):
            raise UserError(
                self.env._(
                    "Write the referral: the complainant must hear why the "
                    "complaint is not handled and where to go."
                )
            )
        if complaint.is_closed:
            raise UserError(
                self.env._("Complaint %s is already closed.", complaint.name)
            )

    def action_confirm(self):
        self.ensure_one()
        self._check_confirm()
        complaint = self.complaint_id
        complaint.write(
            {
                "outside_procedure_ground_id": self.ground_id.id,
                "outside_procedure_referral": self.body,
                "stage_id": self.env.ref("klachtenbeheer.stage_outside_procedure").id,
            }
        )
        complaint._send_outside_procedure_referral()
        return {"type": "ir.actions.act_window_close"}
