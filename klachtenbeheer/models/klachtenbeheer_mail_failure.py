# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import email
import email.policy
import traceback
import xmlrpc.client

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, email_split


def _as_bytes(message):
    if isinstance(message, xmlrpc.client.Binary):
        return bytes(message.data)
    if isinstance(message, str):
        return message.encode("utf-8")
    return bytes(message)


class KlachtenbeheerMailFailure(models.Model):
    """A complaint mail that could not be processed, kept whole.

    The gateway rolls back what it did for the mail and keeps the original
    here; the coordinator sees it, retries it after fixing the cause, or
    closes it after registering the complaint by hand.
    """

    _name = "klachtenbeheer.mail.failure"
    _description = "Unprocessed Complaint Mail"
    _order = "id desc"
    _rec_name = "subject"

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
            parsed = email.message_from_bytes(
                _as_bytes(message), policy=email.policy.SMTP
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

    def action_retry(self):
        """Process the kept mail again (after fixing what made it fail)."""
        # As the gateway does: the mail, not the coordinator, is the author.
        MailThread = self.env["mail.thread"].sudo()
        for failure in self.filtered(lambda f: f.state == "new"):
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
