# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixtures for the mail gateway tests: an alias domain, team A's alias and a
builder of real RFC822 mails."""

import base64
import uuid

from .common import KlachtenbeheerCase

ALIAS_DOMAIN = "klachten-test.example"
ALIAS = f"klachtentest@{ALIAS_DOMAIN}"


def build_mail(
    subject="Lekkage niet verholpen",
    body="Al drie weken lekt het dak. Niemand komt kijken.",
    sender="Piet Jansen <piet.jansen@example.nl>",
    to=ALIAS,
    message_id=None,
    headers="",
    content_type="text/plain; charset=utf-8",
    attachments=(),
):
    """A real RFC822 mail as text; ``attachments`` are (name, bytes)."""
    message_id = message_id or f"<{uuid.uuid4().hex}@example.nl>"
    subject_line = f"Subject: {subject}\n" if subject is not None else ""
    head = (
        f"From: {sender}\nTo: {to}\n{subject_line}Message-Id: {message_id}\n"
        f"Date: Mon, 16 Nov 2026 10:00:00 +0100\nMIME-Version: 1.0\n{headers}"
    )
    if not attachments:
        return f"{head}Content-Type: {content_type}\n\n{body}\n"
    boundary = "==klachtenbeheer-test=="
    parts = [f'{head}Content-Type: multipart/mixed; boundary="{boundary}"\n']
    if body is not None:
        parts.append(f"--{boundary}\nContent-Type: {content_type}\n\n{body}\n")
    for name, content in attachments:
        encoded = base64.encodebytes(content).decode()
        parts.append(
            f"--{boundary}\nContent-Type: application/octet-stream\n"
            f'Content-Disposition: attachment; filename="{name}"\n'
            f"Content-Transfer-Encoding: base64\n\n{encoded}"
        )
    parts.append(f"--{boundary}--\n")
    return "\n".join(parts)


class KlachtenbeheerMailCase(KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {
                "name": ALIAS_DOMAIN,
                "bounce_alias": "bounce-test",
                "catchall_alias": "catchall-test",
            }
        )
        cls.team_a.write(
            {"alias_name": "klachtentest", "alias_domain_id": cls.alias_domain.id}
        )
        cls.team_a.user_id = cls.manager_a
        cls.MailThread = cls.env["mail.thread"]

    def _process(self, raw, model=False):
        return self.MailThread.message_process(model, raw)

    def _complaints_from(self, email):
        return self.Complaint.search([("email_normalized", "=", email)])


def build_forward_as_attachment(
    original,
    sender="Medewerker <medewerker@example.nl>",
    to=ALIAS,
    subject="Fwd: klacht",
    note="Zie de klacht hieronder, graag oppakken.",
    message_id=None,
):
    """A mail that carries ``original`` (RFC822 text) as a message/rfc822
    attachment, as Outlook's and Thunderbird's "forward as attachment" do."""
    message_id = message_id or f"<{uuid.uuid4().hex}@example.nl>"
    boundary = "==forward-test=="
    return (
        f"From: {sender}\nTo: {to}\nSubject: {subject}\nMessage-Id: {message_id}\n"
        "Date: Mon, 16 Nov 2026 11:00:00 +0100\nMIME-Version: 1.0\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
        f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{note}\n\n"
        f"--{boundary}\nContent-Type: message/rfc822\n"
        'Content-Disposition: attachment; filename="klacht.eml"\n\n'
        f"{original}\n--{boundary}--\n"
    )


def build_bounce(
    bounced_message_id,
    recipient,
    to="bounce-test@" + ALIAS_DOMAIN,
    sender="MAILER-DAEMON@mx.example.nl (Mail Delivery System)",
    message_id=None,
):
    """A delivery status notification (RFC 3464) for the mail
    ``bounced_message_id`` that could not reach ``recipient``."""
    message_id = message_id or f"<{uuid.uuid4().hex}@mx.example.nl>"
    boundary = "==dsn-test=="
    return (
        f"From: {sender}\nTo: {to}\nSubject: Undelivered Mail Returned to Sender\n"
        f"Message-Id: {message_id}\nDate: Mon, 16 Nov 2026 12:00:00 +0100\n"
        "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status;\n"
        f' boundary="{boundary}"\n\n'
        f"--{boundary}\nContent-Type: text/plain; charset=us-ascii\n\n"
        "This is the mail system at host mx.example.nl.\n\n"
        "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients.\n\n"
        f"<{recipient}>: host mx.example.nl said: 550 5.1.1 User unknown\n\n"
        f"--{boundary}\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.nl\n\n"
        f"Final-Recipient: rfc822; {recipient}\nOriginal-Recipient: rfc822;"
        f" {recipient}\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
        f"--{boundary}\nContent-Type: text/rfc822-headers\n\n"
        f"Message-Id: {bounced_message_id}\nTo: {recipient}\n"
        "Subject: Uw klacht\n\n"
        f"--{boundary}--\n"
    )
