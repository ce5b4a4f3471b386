# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""End to end: a real IMAP server (Dovecot, started on loopback for the test)
holds the complaint mails; Odoo's incoming mail server fetches them into the
team's alias.

Needs ``/usr/sbin/dovecot`` (Debian/Ubuntu: ``apt install dovecot-imapd``);
without it the test is skipped and says why.
"""

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
from unittest.mock import patch

from odoo.tests import tagged

from .mail_common import (
    KlachtenbeheerMailCase,
    build_bounce,
    build_forward_as_attachment,
    build_mail,
)

DOVECOT = "/usr/sbin/dovecot"
IMAP_USER = "klachten"
IMAP_PASSWORD = "geheim-test"

DOVECOT_CONF = """
protocols = imap
listen = 127.0.0.1
base_dir = {tmp}/run
state_dir = {tmp}/state
log_path = {tmp}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 1
mail_location = maildir:{tmp}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {tmp}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {tmp}/passwd
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestMailImap(KlachtenbeheerMailCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(DOVECOT):
            raise unittest.SkipTest(
                "IMAP END-TO-END TEST SKIPPED: /usr/sbin/dovecot not found. "
                "Install it with `apt install dovecot-imapd` (see README)."
            )
        super().setUpClass()
        cls._start_dovecot()

    @classmethod
    def _start_dovecot(cls):
        tmp = tempfile.mkdtemp(prefix="kb-dovecot-")
        cls.addClassCleanup(shutil.rmtree, tmp, ignore_errors=True)
        os.chmod(tmp, 0o755)
        if os.getuid() == 0:
            # Dovecot runs neither its login processes nor mail as root.
            login_user, internal_user = "dovenull", "dovecot"
            mail_owner = pwd.getpwnam("dovecot")
        else:
            login_user = internal_user = pwd.getpwuid(os.getuid()).pw_name
            mail_owner = pwd.getpwuid(os.getuid())
        mail_dir = os.path.join(tmp, "mail")
        os.mkdir(mail_dir)
        if os.getuid() == 0:
            os.chown(mail_dir, mail_owner.pw_uid, mail_owner.pw_gid)
        cls.imap_port = _free_port()
        conf = os.path.join(tmp, "dovecot.conf")
        with open(conf, "w") as handle:
            handle.write(
                DOVECOT_CONF.format(
                    tmp=tmp,
                    port=cls.imap_port,
                    login_user=login_user,
                    internal_user=internal_user,
                )
            )
        with open(os.path.join(tmp, "passwd"), "w") as handle:
            handle.write(
                f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}:{mail_owner.pw_uid}:"
                f"{mail_owner.pw_gid}::{tmp}/home\n"
            )
        subprocess.run([DOVECOT, "-c", conf], check=True, timeout=30)
        cls.addClassCleanup(
            subprocess.run, [DOVECOT, "-c", conf, "stop"], check=False, timeout=30
        )
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", cls.imap_port), 1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def _imap(self):
        connection = imaplib.IMAP4("127.0.0.1", self.imap_port)
        connection.login(IMAP_USER, IMAP_PASSWORD)
        self.addCleanup(connection.logout)
        return connection

    def _deliver(self, raw):
        self._imap().append(
            "INBOX", None, None, raw.replace("\n", "\r\n").encode("utf-8")
        )

    def _fetch(self):
        server = self.env["fetchmail.server"].create(
            {
                "name": "Klachten IMAP (test)",
                "server_type": "imap",
                "server": "127.0.0.1",
                "port": self.imap_port,
                "is_ssl": False,
                "user": IMAP_USER,
                "password": IMAP_PASSWORD,
            }
        )
        server.button_confirm_login()
        self.assertEqual(server.state, "done")
        # fetch_mail commits after each mail; inside a test the transaction
        # stays open and is rolled back at the end.
        with patch.object(self.env.cr, "commit", self.env.flush_all):
            server.fetch_mail()

    def _unseen(self):
        connection = self._imap()
        connection.select("INBOX")
        return connection.search(None, "(UNSEEN)")[1][0].split()

    def _intake_triggers(self):
        return self.env["ir.cron.trigger"].search(
            [
                (
                    "cron_id",
                    "=",
                    self.env.ref("klachtenbeheer.ir_cron_send_acknowledgements").id,
                )
            ]
        )

    def test_imap_mail_becomes_complaint(self):
        self._deliver(
            build_mail(
                subject="Via IMAP: geen warm water",
                body="Al vier dagen geen warm water in de flat.",
                message_id="<imap-1@example.nl>",
                attachments=[("meterstand.txt", b"1234 m3")],
            )
        )
        self._deliver(
            build_mail(
                sender="Bram Bos <bram.bos@example.nl>",
                subject="Via IMAP: lift stuk",
                message_id="<imap-3@example.nl>",
            )
        )
        self.assertEqual(len(self._unseen()), 2)
        triggers = self._intake_triggers()
        self._fetch()
        # One run of the intake cron for the whole fetch, not one per mail.
        self.assertEqual(len(self._intake_triggers() - triggers), 1)
        fetched = self.Complaint.search([("subject", "like", "Via IMAP: %")])
        self.assertEqual(len(fetched), 2)
        self.assertTrue(all(fetched.mapped("registration_pending")))
        complaint = self.Complaint.search(
            [("subject", "=", "Via IMAP: geen warm water")]
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertIn("geen warm water in de flat", complaint.description)
        self.assertEqual(
            complaint.message_ids.attachment_ids.mapped("name"), ["meterstand.txt"]
        )
        self.assertFalse(self._unseen())
        self.Complaint._cron_send_acknowledgements()
        self.assertFalse(complaint.registration_pending)
        self.assertTrue(complaint.date_answer_due)
        self.assertTrue(complaint.date_acknowledged)

    def test_imap_who_complains(self):
        """A form mailer, an employee's forward, an auto-reply and a
        delivery report of an acknowledgement, fetched from the mailbox:
        each ends as a complaint of the right person or a kept mail, and the
        mails that go out go to complainants only."""
        self.company.email = "info@woonstad-imap.nl"
        self.handler_a.partner_id.email = "behandelaar@woonstad-imap.nl"
        self._deliver(
            build_mail(
                sender="noreply@woonstad-imap.nl",
                subject="Via IMAP: formulier",
                body="Naam: Ria Verbeek\nE-mailadres: ria.verbeek@example.org\n"
                "Postcode: 2636 EF\nWoonplaats: Schipluiden\n"
                "Omschrijving:\nDe galerij wordt niet schoongemaakt.",
                headers="Auto-Submitted: auto-generated\n",
                message_id="<imap-form@example.nl>",
            )
        )
        self._deliver(
            build_forward_as_attachment(
                build_mail(
                    sender="Tom Smit <tom.smit@example.org>",
                    to="behandelaar@woonstad-imap.nl",
                    subject="Via IMAP: doorgestuurd",
                    body="Mijn voordeur sluit niet meer.",
                ),
                sender="Behandelaar <behandelaar@woonstad-imap.nl>",
                message_id="<imap-fwd@example.nl>",
            )
        )
        self._deliver(
            build_mail(
                subject="Out of Office: tot maandag",
                headers="Auto-Submitted: auto-replied\n",
                message_id="<imap-ooo@example.nl>",
            )
        )
        self._fetch()
        self.Complaint._cron_send_acknowledgements()
        form = self.Complaint.search(
            [("intake_message_id", "=", "<imap-form@example.nl>")]
        )
        self.assertEqual(form.channel, "web_form")
        self.assertEqual(form.partner_id.email_normalized, "ria.verbeek@example.org")
        self.assertEqual(form.zip, "2636 EF")
        forwarded = self.Complaint.search(
            [("intake_message_id", "=", "<imap-fwd@example.nl>")]
        )
        self.assertEqual(forwarded.partner_id.email_normalized, "tom.smit@example.org")
        self.assertEqual(forwarded.registered_by_id, self.handler_a)
        self.assertEqual(forwarded.subject, "Via IMAP: doorgestuurd")
        kept = self.env["klachtenbeheer.mail.failure"].search(
            [("message_id", "=", "<imap-ooo@example.nl>")]
        )
        self.assertEqual(kept.reason, "auto_reply")
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "klachtenbeheer.complaint"),
                ("res_id", "in", (form | forwarded).ids),
            ]
        )
        self.assertEqual(
            set(mails.recipient_ids.mapped("email_normalized")),
            {"ria.verbeek@example.org", "tom.smit@example.org"},
        )
        # The acknowledgement to Tom bounces: fetched, it marks his complaint.
        acknowledgement = mails.filtered(
            lambda m: m.recipient_ids.email_normalized == "tom.smit@example.org"
        )
        self._deliver(build_bounce(acknowledgement.message_id, "tom.smit@example.org"))
        self._fetch()
        self.assertTrue(forwarded.mail_undeliverable)
        self.assertFalse(form.mail_undeliverable)

    def test_imap_failure_is_kept(self):
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self._deliver(
            build_mail(subject="Via IMAP: mislukt", message_id="<imap-2@example.nl>")
        )
        with (
            patch.object(
                type(self.Complaint),
                "_prepare_mail_complaint_values",
                side_effect=RuntimeError("stuk"),
            ),
            self.assertLogs(
                "odoo.addons.klachtenbeheer.models.klachtenbeheer_complaint_mail_intake",
                level="WARNING",
            ),
        ):
            # Registrations left pending from before would make the fetch
            # trigger the cron as well.
            self.Complaint.search([("registration_pending", "=", True)]).write(
                {"registration_pending": False}
            )
            triggers = self._intake_triggers()
            self._fetch()
        # Nothing registered, nothing to complete.
        self.assertFalse(self._intake_triggers() - triggers)
        self.assertFalse(self.Complaint.search([("subject", "=", "Via IMAP: mislukt")]))
        failure = self.env["klachtenbeheer.mail.failure"].search(
            [("message_id", "=", "<imap-2@example.nl>")]
        )
        self.assertEqual(failure.subject, "Via IMAP: mislukt")
        self.assertIn("stuk", failure.error)
