# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class KlachtenbeheerHearing(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.hearing"

    date_minutes_sent = fields.Datetime(
        string="Minutes Sent On",
        readonly=True,
        copy=False,
        help="When the minutes were mailed to the complainant (Awb 9:10: the "
        "minutes are part of the file and go to the complainant).",
    )

    def action_send_minutes(self):
        """Open the composer on the complaint with the minutes as a PDF."""
        self.ensure_one()
        if is_html_empty(self.minutes):
            raise UserError(
                self.env._(
                    "This hearing has no minutes yet: please write them before "
                    "sending them."
                )
            )
        complaint = self.complaint_id
        # In the complainant's language, as the letter itself.
        lang = complaint.partner_id.lang or complaint.company_id.partner_id.lang
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(lang=lang)
            ._render_qweb_pdf("klachtenbeheer.action_report_hearing_minutes", self.ids)
        )
        # Linked to the hearing, the posting on the complaint keeps it there:
        # _message_post_after_hook finds the hearing back by it.
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.with_context(lang=lang).env._(
                    "Minutes %s.pdf", complaint.name.replace("/", "-")
                ),
                "datas": base64.b64encode(pdf),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        template = self.env.ref(
            "klachtenbeheer.mail_template_hearing_minutes", raise_if_not_found=False
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": complaint._name,
                "default_res_ids": complaint.ids,
                "default_composition_mode": "comment",
                "default_template_id": template.id if template else False,
                "default_attachment_ids": [(6, 0, attachment.ids)],
                "default_email_layout_xmlid": "klachtenbeheer.mail_layout_complainant",
            },
        }


class KlachtenbeheerComplaint(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    def _message_post_after_hook(self, message, msg_vals):
        # A hearing's minutes PDF posted on its complaint: the minutes are
        # sent. (Only a message with attachments is looked at: the mail
        # gateway's hot path stays as it was.)
        attachment_ids = [
            command[1] if isinstance(command, (list, tuple)) else command
            for command in msg_vals.get("attachment_ids") or []
        ]
        if not attachment_ids:
            return super()._message_post_after_hook(message, msg_vals)
        # The attachments the message was posted with, from the cache.
        hearing_ids = (
            self.env["ir.attachment"]
            .sudo()
            .browse(attachment_ids)
            .filtered(lambda a: a.res_model == "klachtenbeheer.hearing")
            .mapped("res_id")
        )
        if hearing_ids:
            hearings = self.env["klachtenbeheer.hearing"].browse(hearing_ids).exists()
            hearings.filtered(
                lambda h: h.complaint_id in self
            ).sudo().date_minutes_sent = fields.Datetime.now()
        return super()._message_post_after_hook(message, msg_vals)
