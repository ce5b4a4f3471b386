# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import email
import email.message
import email.policy
import traceback
import xmlrpc.client

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, email_normalize, email_split

# Why a mail to a complaint address did not become a complaint or a reply.
REASONS = [
    ("error", "Could Not Be Processed"),
    ("auto_reply", "Automatic Reply"),
    ("bounce", "Delivery Report"),
    ("loop", "Too Many Mails from This Sender"),
]


def _as_bytes(message):
    if isinstance(message, email.message.Message):
        try:
            return message.as_bytes()
        except Exception:  # pylint: disable=broad-except
            # A header the generator cannot fold: the text is what counts.
            return message.as_string().encode("utf-8", "replace")
    if isinstance(message, xmlrpc.client.Binary):
        return bytes(message.data)
    if isinstance(message, str):
        return message.encode("utf-8")
    return bytes(message)


class KlachtenbeheerMailFailure(models.Model):
    """A mail to a complaint address that became no complaint, kept whole.

    Either it could not be processed (the gateway rolled back what it did for
    it), or the gateway ignored it on purpose: an automatic reply, a delivery
    report, a sender over Odoo's throttle. The coordinator lists and searches
    them, retries a failed one after fixing the cause, or turns any of them
    into a complaint in one action. Nothing is ever sent back to them.
    """

    _name = "klachtenbeheer.mail.failure"
    _description = "Kept Complaint Mail"
    _order = "id desc"
    _rec_name = "subject"

    reason = fields.Selection(
        REASONS, default="error", required=True, index=True, readonly=True
    )
    state = fields.Selection(
        [("new", "To Check"), ("done", "Processed"), ("ignored", "Ignored")],
        default="new",
        required=True,
        index=True,
    )
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    email_from = fields.Char(string="From", readonly=True)
    email_to = fields.Char(string="To", readonly=True)
    subject = fields.Char(readonly=True)
    message_id = fields.Char(string="Message-Id", readonly=True, index=True)
    model = fields.Char(string="Fallback Model", readonly=True)
    error = fields.Text(readonly=True)
    raw_message = fields.Binary(string="Original Mail", attachment=True, readonly=True)
    raw_filename = fields.Char(readonly=True)
    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        string="Complaint",
        readonly=True,
        index="btree_not_null",
        help="The complaint the mail refers to, or that was made from it.",
    )
    team_id = fields.Many2one(
        comodel_name="klachtenbeheer.team",
        string="Team",
        readonly=True,
        index="btree_not_null",
        help="The team whose address the mail was sent to.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
    )

    def _is_complaint_mail(self, model, message):
        """Whether a mail that failed was meant for the complaints: the
        fallback model is the complaint, a recipient is a complaint alias, or
        it replies to a message of a complaint (e.g. sent to the catchall)."""
        if model == "klachtenbeheer.complaint":
            return True
        try:
            parsed = (
                message
                if isinstance(message, email.message.Message)
                else email.message_from_bytes(
                    _as_bytes(message), policy=email.policy.SMTP
                )
            )
            recipients = []
            for header in ("To", "Cc", "Delivered-To", "X-Original-To", "Resent-To"):
                recipients += [str(value) for value in parsed.get_all(header) or []]
            references = " ".join(
                str(parsed.get(header) or "")
                for header in ("In-Reply-To", "References")
            ).split()
        except Exception:  # pylint: disable=broad-except
            return False
        if references and self.env["mail.message"].sudo().search_count(
            [
                ("message_id", "in", references[-32:]),
                ("model", "=", "klachtenbeheer.complaint"),
            ],
            limit=1,
        ):
            return True
        addresses = {email_normalize(a) for a in email_split(",".join(recipients))}
        addresses.discard(False)
        if not addresses:
            return False
        return bool(
            self.env["mail.alias"]
            .sudo()
            .search_count(
                [
                    ("alias_model_id.model", "=", "klachtenbeheer.complaint"),
                    ("alias_full_name", "in", list(addresses)),
                ],
                limit=1,
            )
        )

    def _keep(self, message, error, model=False):
        raw = _as_bytes(message)
        values = {
            "model": model or False,
            "error": "".join(
                traceback.format_exception_only(type(error), error)
            ).strip(),
            "raw_message": base64.b64encode(raw),
            "raw_filename": "mail.eml",
        }
        try:
            parsed = email.message_from_bytes(raw, policy=email.policy.SMTP)
            values.update(
                email_from=str(parsed.get("From") or "")[:500],
                email_to=str(parsed.get("To") or "")[:500],
                subject=str(parsed.get("Subject") or "")[:500],
                message_id=str(parsed.get("Message-Id") or "").strip()[:500],
            )
        except Exception:  # pylint: disable=broad-except
            # The headers are broken too: the original is what counts.
            values["subject"] = self.env._("(unreadable headers)")
        return self.create(values)

    def _keep_ignored(self, message, msg_dict, reason, team=None, complaint=None):
        """Keep a mail that the gateway ignores on purpose (``reason``)."""
        team = team or self.env["klachtenbeheer.team"]
        complaint = complaint or self.env["klachtenbeheer.complaint"]
        return self.create(
            {
                "state": "ignored",
                "reason": reason,
                "email_from": (msg_dict.get("email_from") or "")[:500],
                "email_to": (msg_dict.get("to") or "")[:500],
                "subject": (msg_dict.get("subject") or "")[:500],
                "message_id": (msg_dict.get("message_id") or "")[:500],
                "raw_message": base64.b64encode(_as_bytes(message)),
                "raw_filename": "mail.eml",
                "complaint_id": complaint.id,
                "team_id": team.id or complaint.team_id.id,
                "company_id": (team or complaint).company_id.id or self.env.company.id,
            }
        )

    def action_register_complaint(self):
        """Register the kept mail as a new complaint, whatever the gateway
        thought of it (an automatic reply that was a complaint after all)."""
        complaints = self.env["klachtenbeheer.complaint"]
        MailThread = self.env["mail.thread"].sudo()
        for kept in self:
            if kept.state == "done":
                raise UserError(
                    self.env._(
                        "The mail %(subject)s was processed already.",
                        subject=kept.subject,
                    )
                )
            raw = base64.b64decode(kept.raw_message or b"")
            message = email.message_from_bytes(raw, policy=email.policy.SMTP)
            msg_dict = MailThread.message_parse(message)
            # A kept mail is not a duplicate of itself.
            msg_dict["message_id"] = (
                f"{msg_dict.get('message_id') or '<kept>'}-{kept.id}"
            )
            msg_dict.pop("parent_id", None)
            authors = MailThread._mail_find_partner_from_emails(
                [msg_dict.get("email_from")], records=None
            )
            msg_dict["author_id"] = authors[0].id if authors and authors[0] else False
            team = kept.team_id or kept.complaint_id.team_id
            custom_values = {
                "team_id": team.id,
                "company_id": (team.company_id or kept.company_id).id,
            }
            Complaint = self.env["klachtenbeheer.complaint"].sudo()
            msg_dict["klachtenbeheer_reading"] = Complaint._klachtenbeheer_read_mail(
                message, msg_dict, team
            )
            route = ("klachtenbeheer.complaint", 0, custom_values, False, None)
            complaint = Complaint.browse(
                MailThread._message_route_process(message, msg_dict, [route])
            )
            kept.write({"state": "done", "complaint_id": complaint.id})
            complaints |= complaint
        if len(complaints) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "klachtenbeheer.complaint",
                "res_id": complaints.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return True

    def action_retry(self):
        """Process the kept mail again (after fixing what made it fail)."""
        # As the gateway does: the mail, not the coordinator, is the author.
        MailThread = self.env["mail.thread"].sudo()
        for failure in self.filtered(
            lambda f: f.state == "new" and f.reason == "error"
        ):
            raw = base64.b64decode(failure.raw_message or b"")
            message_id = failure.message_id
            failures_before = self.search_count([("message_id", "=", message_id)])
            MailThread.message_process(failure.model or False, raw)
            failures_after = self.search_count([("message_id", "=", message_id)])
            if failures_after > failures_before:
                # It failed again: the newest failure tells why; this one is
                # superseded.
                failure.state = "ignored"
                continue
            complaint = self.env["klachtenbeheer.complaint"].search(
                [("message_ids.message_id", "=", message_id)], limit=1
            )
            failure.write({"state": "done", "complaint_id": complaint.id})
        return True

    def action_ignore(self):
        if self.filtered(lambda f: f.state == "done"):
            raise UserError(self.env._("A processed mail cannot be ignored."))
        self.write({"state": "ignored"})

    @api.model
    def _gc_retention(self, now):
        """Delete the kept mails past their company's retention period (AVG
        art. 5(1)(e)); the originals go with them."""
        self.env.cr.execute(
            SQL(
                """
                SELECT f.id
                  FROM klachtenbeheer_mail_failure f
                  LEFT JOIN res_company co ON co.id = f.company_id
                 WHERE COALESCE(co.klachtenbeheer_retention_mail_months, 3) > 0
                   AND f.date < %(now)s - make_interval(
                       months => COALESCE(co.klachtenbeheer_retention_mail_months, 3))
                 LIMIT 10000
                """,
                now=now,
            )
        )
        self.sudo().browse([row[0] for row in self.env.cr.fetchall()]).unlink()
