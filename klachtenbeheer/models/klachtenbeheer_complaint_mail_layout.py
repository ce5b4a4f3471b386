# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complainant's mails read like letters from the organisation.

Every mail that goes to a complainant (acknowledgement, messages of the
handler, extension, referral, decision) comes from the team's complaint
address, is answered to it, and is laid out as a letter of the organisation
(klachtenbeheer.mail_layout_complainant): whoever or whatever sends it (a
handler in the chatter, the mail composer, a cron as OdooBot, over RPC).
Internal notifications to employees keep Odoo's layout with its buttons.
"""

from odoo import api, fields, models
from odoo.tools import formataddr

from ..tools.mail_text import pre_blocks_to_html

COMPLAINANT_LAYOUT = "klachtenbeheer.mail_layout_complainant"
# Odoo's layouts that a mail to the complainant never gets: they brand the
# mail ("Powered by Odoo"), offer to unfollow and link to the backend.
ODOO_LAYOUTS = (
    "mail.mail_notification_light",
    "mail.mail_notification_layout",
    "mail.mail_notification_layout_with_responsible_signature",
)


class KlachtenbeheerComplaintMailLayout(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    mail_sender = fields.Char(
        string="Sender of Mails to the Complainant",
        compute="_compute_mail_sender",
        help="The team's complaint address, or else the company's address: "
        "the sender and reply address of every mail to the complainant.",
    )

    @api.depends(
        "team_id.name",
        "team_id.alias_full_name",
        "company_id.name",
        "company_id.email",
    )
    def _compute_mail_sender(self):
        for complaint in self:
            complaint.mail_sender = complaint._klachtenbeheer_mail_sender()

    def _klachtenbeheer_mail_sender(self):
        """The formatted address mails to the complainant come from: the
        team's alias with the team's name, else the company's e-mail, else
        its catchall. Never the handler's own address or OdooBot's."""
        self.ensure_one()
        team = self.sudo().team_id
        if team.alias_name and team.alias_domain_id:
            return formataddr((team.name, team.alias_full_name))
        company = self.sudo().company_id or self.env.company
        if company.email:
            return formataddr((company.name, company.email))
        return company.catchall_formatted or company.email_formatted or False

    def _notify_get_reply_to(self, default=None):
        # Replies go to the team's complaint address: the gateway files them
        # on the complaint, and the team reads what comes in when the
        # handler is away.
        result = super()._notify_get_reply_to(default=default)
        for complaint in self:
            sender = complaint._klachtenbeheer_mail_sender()
            if sender:
                result[complaint.id] = sender
        return result

    def _klachtenbeheer_is_mail_to_complainant(self, kwargs):
        """Whether a post goes out to the complainant: written by the
        organisation (not a mail that came in, not the complainant's own
        message on the portal), and either a message (not an internal note)
        or a note addressed to the complainant."""
        if kwargs.get("message_type", "notification") in ("email", "user_notification"):
            return False
        if self.env.user.share and not self.env.su:
            return False
        correspondents = self.sudo().correspondence_partner_ids
        if kwargs.get("author_id") and kwargs["author_id"] in correspondents.ids:
            return False
        if self._is_customer_post(kwargs):
            return True
        return bool(set(kwargs.get("partner_ids") or []) & set(correspondents.ids))

    def message_post(self, **kwargs):
        if kwargs.get("message_type") == "email" and kwargs.get("body"):
            kwargs["body"] = self._klachtenbeheer_wrap_plaintext(kwargs["body"])
        if len(self) == 1 and self._klachtenbeheer_is_mail_to_complainant(kwargs):
            sender = self._klachtenbeheer_mail_sender()
            if sender:
                kwargs["email_from"] = sender
                kwargs["reply_to"] = sender
                author = self.env["res.partner"].browse(
                    kwargs.get("author_id") or self.env.user.partner_id.id
                )
                # A cron posts as OdooBot, the web form as the public user:
                # the letter is the organisation's. (By their ids, cached:
                # no query per post.)
                IrModelData = self.env["ir.model.data"]
                if author.id in (
                    IrModelData._xmlid_to_res_id(
                        "base.partner_root", raise_if_not_found=False
                    ),
                    IrModelData._xmlid_to_res_id(
                        "base.public_partner", raise_if_not_found=False
                    ),
                ):
                    author = self.sudo().company_id.partner_id
                kwargs["author_id"] = author.id
            if kwargs.get("email_layout_xmlid") in (None, False, "", *ODOO_LAYOUTS):
                kwargs["email_layout_xmlid"] = COMPLAINANT_LAYOUT
        return super().message_post(**kwargs)

    def _notify_by_email_render_layout(
        self, message, recipients_group, msg_vals=False, render_values=None
    ):
        # Employees who follow the complaint get the complainant's letter in
        # Odoo's layout, with the buttons into the backend.
        if msg_vals:
            layout = msg_vals.get("email_layout_xmlid")
        else:
            layout = message.email_layout_xmlid
        if (
            layout == COMPLAINANT_LAYOUT
            and recipients_group.get("notification_group_name") == "user"
        ):
            msg_vals = dict(
                msg_vals or {}, email_layout_xmlid="mail.mail_notification_layout"
            )
        return super()._notify_by_email_render_layout(
            message, recipients_group, msg_vals=msg_vals, render_values=render_values
        )

    @api.model
    def _klachtenbeheer_update_complainant_templates(self):
        """Give the complaint templates installed before the layout (they are
        ``noupdate``) the team's sender, reply address and layout, where
        nobody set one. Run on every update of the module; idempotent."""
        templates = (
            self.env["mail.template"]
            .search([("model", "=", self._name)])
            .filtered(
                lambda t: (
                    t.get_external_id().get(t.id, "").startswith("klachtenbeheer.")
                )
            )
        )
        sender = "{{ object.mail_sender }}"
        for template in templates:
            vals = {}
            if not template.email_from:
                vals["email_from"] = sender
            if not template.reply_to:
                vals["reply_to"] = sender
            if template.email_layout_xmlid in (False, *ODOO_LAYOUTS):
                vals["email_layout_xmlid"] = COMPLAINANT_LAYOUT
            if vals:
                template.write(vals)
        return True

    # ------------------------------------------------------------------
    # Plain-text mails that come in
    # ------------------------------------------------------------------

    @api.model
    def _klachtenbeheer_wrap_plaintext(self, body):
        """A plain-text mail keeps its lines and wraps (Odoo keeps it as one
        ``<pre>``)."""
        wrapped = pre_blocks_to_html(str(body))
        return body if wrapped == str(body) else type(body)(wrapped)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        if msg_dict.get("body"):
            msg_dict["body"] = self._klachtenbeheer_wrap_plaintext(msg_dict["body"])
        return super().message_new(msg_dict, custom_values=custom_values)

    def message_update(self, msg_dict, update_vals=None):
        if msg_dict.get("body"):
            msg_dict["body"] = self._klachtenbeheer_wrap_plaintext(msg_dict["body"])
        return super().message_update(msg_dict, update_vals=update_vals)
