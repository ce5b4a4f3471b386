# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaints by e-mail, with real RFC822 text through ``message_process``."""

import uuid
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged, warmup
from odoo.tools import config
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.models.mail_render_mixin import (
    MailRenderMixin as OdooRenderMixin,
)

from .common import QUERY_COUNT_MOMENT
from .mail_common import ALIAS, KlachtenbeheerMailCase, build_mail

GATEWAY = "odoo.addons.klachtenbeheer.models.klachtenbeheer_complaint_mail_intake"


@tagged("post_install", "-at_install")
class TestMailIntake(KlachtenbeheerMailCase):
    def test_new_mail_registers_complaint(self):
        Partner = self.env["res.partner"]
        piet = [("email_normalized", "=", "piet.jansen@example.nl")]
        self.assertFalse(Partner.search_count(piet))
        raw = build_mail(
            subject="Lekkage niet verholpen",
            body="Al drie weken lekt het dak.",
            attachments=[("foto.jpg", b"\xff\xd8\xff\xe0 foto")],
        )
        complaint_id = self._process(raw)
        complaint = self.Complaint.browse(complaint_id)
        self.assertTrue(complaint.exists())
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.subject, "Lekkage niet verholpen")
        self.assertIn("Al drie weken lekt het dak.", complaint.description)
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertEqual(complaint.company_id, self.company)
        self.assertRegex(complaint.name, r"^KL/\d{4}/\d{5}$")
        self.assertEqual(complaint.email_normalized, "piet.jansen@example.nl")
        self.assertEqual(complaint.contact_name, "Piet Jansen")
        self.assertTrue(complaint.date_received)
        # The mail is on the chatter with its attachment linked to the
        # complaint.
        message = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(message), 1)
        self.assertEqual(message.attachment_ids.mapped("name"), ["foto.jpg"])
        self.assertEqual(message.attachment_ids.res_model, "klachtenbeheer.complaint")
        self.assertEqual(message.attachment_ids.res_id, complaint.id)
        # The rest of the registration is the intake cron's (a batch per
        # run, not inside the gateway).
        self.assertTrue(complaint.registration_pending)
        self.assertTrue(complaint.acknowledgement_pending)
        self.assertFalse(complaint.partner_id)
        self.assertFalse(complaint.date_answer_due)
        self.assertFalse(complaint.activity_ids)
        self.Complaint._cron_send_acknowledgements()
        # Its terms run from the moment the mail was received.
        self.assertFalse(complaint.registration_pending)
        self.assertEqual(
            complaint.date_answer_due,
            self.Complaint.new(
                {
                    "team_id": complaint.team_id.id,
                    "company_id": complaint.company_id.id,
                    "date_received": complaint.date_received,
                }
            ).date_answer_due,
        )
        self.assertTrue(complaint.date_answer_due)
        # Unknown sender, default setting: a contact is made for them, who
        # follows the complaint and is the author of the mail.
        self.assertEqual(Partner.search_count(piet), 1)
        self.assertEqual(complaint.partner_id.email, "piet.jansen@example.nl")
        self.assertEqual(complaint.partner_id.name, "Piet Jansen")
        self.assertIn(complaint.partner_id, complaint.message_partner_ids)
        self.assertEqual(message.author_id, complaint.partner_id)
        # Acknowledged by e-mail; the other terms have their activities, for
        # the team manager.
        self.assertFalse(complaint.acknowledgement_pending)
        self.assertTrue(complaint.date_acknowledged)
        self.assertEqual(
            complaint.activity_ids.activity_type_id,
            self.env.ref("klachtenbeheer.mail_activity_type_contact")
            | self.env.ref("klachtenbeheer.mail_activity_type_answer"),
        )
        self.assertEqual(complaint.activity_ids.user_id, self.team_a.user_id)
        # A second run finds nothing left to do.
        self.assertFalse(self.Complaint._cron_send_acknowledgements())
        self.assertEqual(Partner.search_count(piet), 1)

    def test_handling_preference_from_the_mail(self):
        """What the mail asks for (Awb 9:10) becomes the handling preference;
        a refusal does not; a reply does not change the one set."""
        cases = [
            (
                "hoorzitting@example.nl",
                "Ik wil een hoorzitting over mijn klacht.",
                "hearing",
            ),
            (
                "bellen@example.nl",
                "Wilt u mij terugbellen op 0612345678?",
                "phone_visit",
            ),
            (
                "geen@example.nl",
                "Ik wil geen hoorzitting, los het gewoon op.",
                "informal",
            ),
        ]
        for email, body, expected in cases:
            self._process(build_mail(body=body, sender=f"Klager <{email}>"))
            self.assertEqual(
                self._complaints_from(email).handling_preference, expected, body
            )
        complaint = self._complaints_from("bellen@example.nl")
        complaint.handling_preference = "informal"
        self._process(
            build_mail(
                subject=f"Re: {complaint.name}",
                body="Ik wil toch een hoorzitting.",
                sender="Klager <bellen@example.nl>",
            )
        )
        self.assertEqual(complaint.handling_preference, "informal")

    def test_one_contact_per_new_sender_in_a_batch(self):
        # Two mails from one new sender and one from another, before the
        # cron runs: one contact each, made in one go.
        first = self._process(build_mail(sender="Anna <anna.nieuw@example.nl>"))
        second = self._process(
            build_mail(sender="A. de Vries <Anna.Nieuw@example.nl>", subject="Nog een")
        )
        third = self._process(build_mail(sender="Bram <bram.nieuw@example.nl>"))
        complaints = self.Complaint.browse([first, second, third])
        self.assertFalse(complaints.partner_id)
        self.Complaint._cron_send_acknowledgements()
        anna = self.env["res.partner"].search(
            [("email_normalized", "=", "anna.nieuw@example.nl")]
        )
        self.assertEqual(len(anna), 1)
        self.assertEqual(anna.name, "Anna")
        self.assertEqual(complaints[:2].partner_id, anna)
        self.assertEqual(complaints[2].partner_id.email, "bram.nieuw@example.nl")
        for complaint in complaints:
            mail = complaint.message_ids.filtered(lambda m: m.message_type == "email")
            self.assertEqual(mail.author_id, complaint.partner_id)

    def test_gateway_leaves_registration_to_the_cron(self):
        # Mails delivered one by one (odoo-mailgate.py): one trigger a little
        # later serves a burst of mails; a registration by hand triggers at
        # once. (An incoming mail server triggers once per fetch: see
        # test_mail_imap.)
        cron = self.env.ref("klachtenbeheer.ir_cron_send_acknowledgements")
        Trigger = self.env["ir.cron.trigger"]
        Trigger.search([("cron_id", "=", cron.id)]).unlink()
        complaint = self.Complaint.browse(self._process(build_mail()))
        self.assertTrue(complaint.registration_pending)
        soon = Trigger.search([("cron_id", "=", cron.id)])
        self.assertEqual(len(soon), 1)
        self.assertGreater(soon.call_at, fields.Datetime.now())
        self.assertLessEqual(
            soon.call_at, fields.Datetime.now() + timedelta(seconds=30)
        )
        second = self.Complaint.browse(
            self._process(build_mail(sender="Tweede <tweede@example.nl>"))
        )
        self.assertTrue(second.registration_pending)
        self.assertEqual(Trigger.search([("cron_id", "=", cron.id)]), soon)
        # Once that trigger is due, the next mail makes a new one.
        soon.call_at = fields.Datetime.now() - timedelta(seconds=1)
        self._process(build_mail(sender="Derde <derde@example.nl>"))
        self.assertEqual(len(Trigger.search([("cron_id", "=", cron.id)]) - soon), 1)
        before = Trigger.search([("cron_id", "=", cron.id)])
        by_hand = self._create_complaint(channel="phone")
        self.assertFalse(by_hand.registration_pending)
        self.assertTrue(by_hand.date_answer_due)
        triggered = Trigger.search([("cron_id", "=", cron.id)]) - before
        self.assertEqual(len(triggered), 1)
        self.assertLessEqual(triggered.call_at, fields.Datetime.now())
        # Without an acknowledgement (an alias for an import, say, whose
        # defaults say so), the cron still completes the registration, and
        # sends nothing.
        alias = self.env["mail.alias"].search([("alias_full_name", "=", ALIAS)])
        alias.alias_defaults = str(
            dict(safe_eval(alias.alias_defaults), acknowledgement_pending=False)
        )
        quiet = self.Complaint.browse(
            self._process(build_mail(sender="Stil <stil@example.nl>"))
        )
        self.assertFalse(quiet.acknowledgement_pending)
        self.assertTrue(quiet.registration_pending)
        self.Complaint._cron_send_acknowledgements()
        self.assertFalse(quiet.registration_pending)
        self.assertTrue(quiet.partner_id)
        self.assertTrue(quiet.date_answer_due)
        self.assertFalse(quiet.date_acknowledged)
        self.assertTrue(
            quiet.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("klachtenbeheer.mail_activity_type_acknowledgement")
                )
            )
        )
        self.assertTrue(complaint.date_acknowledged)

    def test_intake_cron_goes_on_past_a_failure(self):
        good = self.Complaint.browse(self._process(build_mail(subject="Lift stuk")))
        bad = self.Complaint.browse(
            self._process(
                build_mail(subject="Kapotte kop", sender="Kop <kop@example.nl>")
            )
        )
        complaint_class = type(self.Complaint)
        original = complaint_class._complete_registration

        def failing(records):
            if bad in records:
                raise ValueError("kapotte kop")
            return original(records)

        with (
            patch.object(complaint_class, "_complete_registration", failing),
            self.assertLogs(
                GATEWAY,
                level="WARNING",
            ) as logs,
        ):
            self.Complaint._cron_send_acknowledgements()
        self.assertIn(bad.name, logs.output[0])
        # The other one is complete.
        self.assertFalse(good.registration_pending)
        self.assertTrue(good.partner_id)
        self.assertTrue(good.date_answer_due)
        self.assertTrue(good.date_acknowledged)
        # The failed one left the queue, with a note for the team manager;
        # its terms are there all the same.
        self.assertFalse(bad.registration_pending)
        self.assertFalse(bad.acknowledgement_pending)
        self.assertFalse(bad.date_acknowledged)
        self.assertTrue(bad.date_answer_due)
        note = bad.message_ids[0]
        self.assertIn("could not be completed automatically", note.body)
        self.assertIn("kapotte kop", note.body)
        self.assertIn(self.manager_a.partner_id, note.partner_ids)
        self.assertFalse(
            self.Complaint.search(
                [
                    ("id", "in", (good | bad).ids),
                    "|",
                    ("registration_pending", "=", True),
                    ("acknowledgement_pending", "=", True),
                ]
            )
        )

    def test_known_sender_followers_after_intake(self):
        complaint = self.Complaint.browse(
            self._process(build_mail(sender="F. Yilmaz <f.yilmaz@example.com>"))
        )
        message = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(message.author_id, self.partner)
        self.Complaint._cron_send_acknowledgements()
        self.assertIn(self.partner, complaint.message_partner_ids)
        self.assertIn(self.team_a.user_id.partner_id, complaint.message_partner_ids)

    def test_known_sender_is_complainant(self):
        raw = build_mail(sender="F. Yilmaz <F.Yilmaz@Example.com>")
        complaint = self.Complaint.browse(self._process(raw))
        self.assertEqual(complaint.partner_id, self.partner)

    def test_unknown_sender_kept_as_address(self):
        self.company.klachtenbeheer_mail_unknown_sender = "anonymous"
        partners_before = self.env["res.partner"].search_count([])
        complaint = self.Complaint.browse(
            self._process(build_mail(sender="Kees <kees@example.nl>"))
        )
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertTrue(complaint.is_anonymous)
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.email_from, "kees@example.nl")
        self.assertEqual(complaint.contact_name, "Kees")
        # Without anonymous complaints the contact is made after all.
        self.company.klachtenbeheer_allow_anonymous = False
        complaint = self.Complaint.browse(
            self._process(build_mail(sender="Kees <kees@example.nl>"))
        )
        self.assertFalse(complaint.is_anonymous)
        self.Complaint._cron_send_acknowledgements()
        self.assertEqual(complaint.partner_id.email, "kees@example.nl")

    def test_no_subject_uses_first_words(self):
        raw = build_mail(
            subject=None,
            body="De lift in ons portiek staat al twee weken stil en niemand "
            "doet er iets aan, mijn moeder kan niet naar buiten.",
        )
        complaint = self.Complaint.browse(self._process(raw))
        self.assertEqual(
            complaint.subject,
            "De lift in ons portiek staat al twee weken stil…",
        )

    def test_only_an_attachment(self):
        raw = build_mail(
            subject="", body=None, attachments=[("brief.pdf", b"%PDF-1.4 brief")]
        )
        complaint = self.Complaint.browse(self._process(raw))
        self.assertEqual(complaint.subject, "(no subject)")
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["brief.pdf"])

    def test_legacy_charsets(self):
        cp1252 = (
            "From: Jos <jos@example.nl>\nTo: " + ALIAS + "\n"
            "Subject: =?windows-1252?q?Caf=E9_=80_bedrag?=\n"
            "Message-Id: <cp1252@example.nl>\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=windows-1252\n"
            "Content-Transfer-Encoding: 8bit\n\n"
        ).encode() + "Het café rekende € 12 – ‘te veel’.\n".encode("cp1252")
        complaint = self.Complaint.browse(self._process(cp1252))
        self.assertEqual(complaint.subject, "Café € bedrag")
        self.assertIn("Het café rekende € 12 – ‘te veel’.", complaint.description)

        latin1 = (
            "From: Jos <jos@example.nl>\nTo: " + ALIAS + "\n"
            "Subject: =?iso-8859-1?q?Gef=E4hrliche_Stra=DFe?=\n"
            "Message-Id: <latin1@example.nl>\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=iso-8859-1\n"
            "Content-Transfer-Encoding: 8bit\n\n"
        ).encode() + "Überall Glas, één keer.\n".encode("latin-1")
        complaint = self.Complaint.browse(self._process(latin1))
        self.assertEqual(complaint.subject, "Gefährliche Straße")
        self.assertIn("Überall Glas, één keer.", complaint.description)

        # 8-bit text without any charset: still a complaint, nothing lost.
        undeclared = (
            "From: Jos <jos@example.nl>\nTo: " + ALIAS + "\n"
            "Subject: Zonder tekenset\nMessage-Id: <undeclared@example.nl>\n\n"
        ).encode() + "Geen reactie op mijn brief, ook niet na één week.\n".encode(
            "cp1252"
        )
        complaint = self.Complaint.browse(self._process(undeclared))
        self.assertEqual(complaint.subject, "Zonder tekenset")
        self.assertIn("Geen reactie op mijn brief", complaint.description)

    def test_html_only_scripts_removed(self):
        raw = build_mail(
            body="<p>Klacht over <b>de lift</b></p>"
            "<script>alert('x')</script><img src=x onerror=alert(1)>",
            content_type="text/html; charset=utf-8",
        )
        complaint = self.Complaint.browse(self._process(raw))
        self.assertIn("<b>de lift</b>", complaint.description)
        self.assertNotIn("script", complaint.description)
        self.assertNotIn("onerror", complaint.description)
        message = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertNotIn("script", message.body)
        self.assertNotIn("onerror", message.body)

    def test_huge_subject(self):
        subject = "Klacht " + "heel lang onderwerp " * 150
        complaint = self.Complaint.browse(self._process(build_mail(subject=subject)))
        self.assertLessEqual(len(complaint.subject), 200)
        self.assertTrue(complaint.subject.endswith("…"))
        message = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(" ".join(message.subject.split()), " ".join(subject.split()))

    def test_oversize_attachment_dropped(self):
        self.company.klachtenbeheer_mail_max_attachment_mb = 1
        raw = build_mail(
            attachments=[
                ("klein.txt", b"klein"),
                ("groot.bin", b"x" * (1024 * 1024 + 10)),
            ]
        )
        with self.assertLogs(GATEWAY, level="WARNING") as logs:
            complaint = self.Complaint.browse(self._process(raw))
        self.assertIn("groot.bin", "\n".join(logs.output))
        message = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(message.attachment_ids.mapped("name"), ["klein.txt"])
        self.assertIn("groot.bin", message.body)
        self.assertIn("was not kept", message.body)

    def test_broken_sender_address(self):
        raw = build_mail(sender="Onbekend <geen-adres>")
        complaint = self.Complaint.browse(self._process(raw))
        self.assertTrue(complaint.is_anonymous)
        self.assertFalse(complaint.email_from)


@tagged("post_install", "-at_install")
class TestMailIgnored(KlachtenbeheerMailCase):
    def test_duplicate_message_id(self):
        raw = build_mail(message_id="<dubbel@example.nl>")
        self.assertTrue(self._process(raw))
        count = self.Complaint.search_count([])
        self.assertFalse(self._process(raw))
        self.assertEqual(self.Complaint.search_count([]), count)

    def test_bounce(self):
        count = self.Complaint.search_count([])
        raw = build_mail(
            sender="MAILER-DAEMON@mail.example.nl (Mail Delivery System)",
            subject="Undelivered Mail Returned to Sender",
            headers="Auto-Submitted: auto-replied\n",
        )
        self.assertFalse(self._process(raw))
        raw = build_mail(
            sender="postmaster@example.nl",
            subject="Delivery Status Notification",
            content_type='multipart/report; report-type=delivery-status; boundary="b"',
            body="--b\nContent-Type: text/plain\n\nFailed.\n--b--",
        )
        self.assertFalse(self._process(raw))
        self.assertEqual(self.Complaint.search_count([]), count)

    def test_auto_replies(self):
        count = self.Complaint.search_count([])
        kept = self.env["klachtenbeheer.mail.failure"].search_count([])
        vacation = "Tot en met 4 januari ben ik afwezig. Voor dringende zaken "
        vacation += "belt u met de receptie."
        cases = (
            ("Auto-Submitted: auto-replied\n", "Re: uw klacht", None),
            ("X-Autoreply: yes\n", "Re: uw klacht", None),
            ("Precedence: bulk\n", "Afwezig", vacation),
            ("Precedence: auto_reply\n", "Re: uw klacht", None),
            ("", "Out of Office: tot maandag", None),
            ("", "Automatisch antwoord: Afwezig", None),
            ("", "Afwezig tot 1 december", vacation),
            ("Auto-Submitted: auto-generated\n", "Afwezigheidsmelding", vacation),
        )
        for headers, subject, body in cases:
            with self.subTest(headers=headers, subject=subject):
                kwargs = {"body": body} if body else {}
                self.assertFalse(
                    self._process(
                        build_mail(subject=subject, headers=headers, **kwargs)
                    )
                )
        self.assertEqual(self.Complaint.search_count([]), count)
        # Each is kept, with its reason, for the coordinator.
        self.assertEqual(
            self.env["klachtenbeheer.mail.failure"].search_count(
                [("reason", "=", "auto_reply"), ("state", "=", "ignored")]
            ),
            kept + len(cases),
        )
        # A normal mail saying "Auto-Submitted: no" is a complaint.
        self.assertTrue(self._process(build_mail(headers="Auto-Submitted: no\n")))

    def test_auto_reply_to_complaint_changes_nothing(self):
        complaint = self.Complaint.browse(self._process(build_mail()))
        complaint.stage_id = self.stage_withdrawn
        first = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        messages = len(complaint.message_ids)
        raw = build_mail(
            subject="Automatic reply: " + complaint.subject,
            headers=f"In-Reply-To: {first.message_id}\n",
        )
        self.assertFalse(self._process(raw))
        self.assertEqual(len(complaint.message_ids), messages)
        self.assertEqual(complaint.stage_id, self.stage_withdrawn)

    def test_sender_throttle_uses_normalized_address(self):
        domain = self.Complaint._detect_loop_sender_domain("piet@example.nl")
        self.assertEqual(domain, [("email_normalized", "=", "piet@example.nl")])
        self.env["ir.config_parameter"].set_param("mail.gateway.loop.threshold", 3)
        ids = [self._process(build_mail(subject=f"Klacht {i}")) for i in range(4)]
        self.assertTrue(all(ids[:3]))
        self.assertFalse(ids[3])
        self.assertEqual(len(self._complaints_from("piet.jansen@example.nl")), 3)


@tagged("post_install", "-at_install")
class TestMailReplies(KlachtenbeheerMailCase):
    def setUp(self):
        super().setUp()
        self.complaint = self.Complaint.browse(
            self._process(build_mail(message_id="<eerste@example.nl>"))
        )
        self.complaint.user_id = self.handler_a

    def _reply(self, **kwargs):
        kwargs.setdefault("subject", f"Re: {self.complaint.subject}")
        kwargs.setdefault("headers", "In-Reply-To: <eerste@example.nl>\n")
        kwargs.setdefault("body", "Nog steeds niets gehoord.")
        return self._process(build_mail(**kwargs))

    def _notify_scheduled(self, message):
        """Send the notifications of ``message``, which the gateway left to
        Odoo's cron for scheduled notifications: none went yet."""
        self.assertFalse(message.notification_ids)
        self.assertTrue(
            self.env["mail.message.schedule"]._send_message_notifications(message)
        )

    def test_reply_lands_and_notifies_handler(self):
        count = self.Complaint.search_count([])
        self.assertEqual(self._reply(), self.complaint.id)
        self.assertEqual(self.Complaint.search_count([]), count)
        message = self.complaint.message_ids[0]
        self.assertIn("Nog steeds niets gehoord.", message.body)
        self._notify_scheduled(message)
        # The handler hears of it, by e-mail, also without following the
        # complaint (the reply does not subscribe them).
        self.assertNotIn(self.handler_a.partner_id, self.complaint.message_partner_ids)
        self.assertIn(self.handler_a.partner_id, message.notified_partner_ids)
        self.assertEqual(
            message.notification_ids.filtered(
                lambda n: n.res_partner_id == self.handler_a.partner_id
            ).notification_type,
            "email",
        )
        # Following it, they are notified once.
        self.complaint.message_subscribe(self.handler_a.partner_id.ids)
        self._reply(body="Nog een keer.")
        message = self.complaint.message_ids[0]
        self._notify_scheduled(message)
        self.assertFalse(message.partner_ids)
        self.assertEqual(
            message.notification_ids.filtered(
                lambda n: n.res_partner_id == self.handler_a.partner_id
            ).mapped("res_partner_id"),
            self.handler_a.partner_id,
        )

    def test_reply_without_handler_notifies_manager(self):
        self.complaint.user_id = False
        self.complaint.message_unsubscribe(self.handler_a.partner_id.ids)
        self._reply()
        self._notify_scheduled(self.complaint.message_ids[0])
        self.assertIn(
            self.manager_a.partner_id,
            self.complaint.message_ids[0].notified_partner_ids,
        )

    def test_case_number_in_subject(self):
        subject = f"Mijn klacht {self.complaint.name} nog een foto"
        self.assertEqual(self._reply(subject=subject, headers=""), self.complaint.id)
        # Someone else naming the number gets a complaint of their own.
        other = self._reply(
            subject=subject, headers="", sender="Ander <ander@example.nl>"
        )
        self.assertNotEqual(other, self.complaint.id)
        self.assertEqual(self.Complaint.browse(other).email_from, "ander@example.nl")

    def test_reply_to_closed_reopens(self):
        self.company.klachtenbeheer_mail_closed_policy = "reopen"
        self.Complaint._cron_send_acknowledgements()
        self.complaint.date_answered = "2026-11-17 10:00:00"
        self.complaint.stage_id = self.stage_withdrawn
        old_due = self.complaint.date_answer_due
        self.assertTrue(self.complaint.is_closed)
        self.assertEqual(self._reply(), self.complaint.id)
        self.assertFalse(self.complaint.is_closed)
        self.assertEqual(self.complaint.stage_id, self.stage_registered)
        self.assertIn("Reopened", "".join(self.complaint.message_ids.mapped("body")))
        # The terms run again from the reply, not from the first mail.
        self.assertTrue(self.complaint.date_reopened)
        self.assertFalse(self.complaint.date_answered)
        self.assertGreaterEqual(self.complaint.date_answer_due, old_due)
        self.assertEqual(
            self.complaint.date_answer_due,
            self.Complaint.new(
                {
                    "team_id": self.complaint.team_id.id,
                    "company_id": self.complaint.company_id.id,
                    "date_received": self.complaint.date_reopened,
                }
            ).date_answer_due,
        )

    def test_reply_to_closed_new_complaint(self):
        # The default: a new complaint that repeats the closed one.
        self.assertEqual(self.company.klachtenbeheer_mail_closed_policy, "new")
        self.complaint.stage_id = self.stage_withdrawn
        new_id = self._reply()
        self.assertNotEqual(new_id, self.complaint.id)
        new = self.Complaint.browse(new_id)
        self.assertEqual(new.origin_complaint_id, self.complaint)
        self.assertEqual(new.repeat_of_ids, self.complaint)
        self.assertEqual(new.team_id, self.complaint.team_id)
        self.assertEqual(new.partner_id, self.complaint.partner_id)
        self.assertEqual(new.channel, "email")
        self.assertTrue(self.complaint.is_closed)


@tagged("post_install", "-at_install")
class TestMailFailure(KlachtenbeheerMailCase):
    def test_failure_is_kept_and_retried(self):
        raw = build_mail(subject="Gaat mis", message_id="<mis@example.nl>")
        count = self.Complaint.search_count([])
        # Odoo flags the alias in a cursor of its own: let it see this test's
        # data, as the HttpCase test mode does.
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        with (
            patch.object(
                type(self.Complaint),
                "_prepare_mail_complaint_values",
                side_effect=RuntimeError("kapot"),
            ),
            self.assertLogs(
                "odoo.addons.klachtenbeheer.models.klachtenbeheer_complaint_mail_intake",
                level="WARNING",
            ),
        ):
            self.assertFalse(self._process(raw))
        self.assertEqual(self.Complaint.search_count([]), count)
        failure = self.env["klachtenbeheer.mail.failure"].search(
            [("message_id", "=", "<mis@example.nl>")]
        )
        self.assertEqual(len(failure), 1)
        self.assertEqual(failure.state, "new")
        self.assertEqual(failure.subject, "Gaat mis")
        self.assertIn("kapot", failure.error)
        self.assertTrue(failure.raw_message)
        # The coordinator sees it and processes it again once fixed.
        failure.with_user(self.coordinator).action_retry()
        self.assertEqual(failure.state, "done")
        self.assertEqual(failure.complaint_id.subject, "Gaat mis")
        # Handlers do not see the failures.
        with self.assertRaises(AccessError):
            failure.with_user(self.handler_a).read(["subject"])

    def test_failed_reply_via_catchall_is_kept(self):
        complaint = self.Complaint.browse(
            self._process(build_mail(message_id="<basis@example.nl>"))
        )
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        raw = build_mail(
            to="catchall-test@klachten-test.example",
            message_id="<antwoord@example.nl>",
            headers="In-Reply-To: <basis@example.nl>\n",
        )
        with (
            patch.object(
                type(self.Complaint),
                "message_update",
                side_effect=RuntimeError("kapot"),
            ),
            self.assertLogs(
                "odoo.addons.klachtenbeheer.models.klachtenbeheer_complaint_mail_intake",
                level="WARNING",
            ),
        ):
            self.assertFalse(self._process(raw))
        self.assertTrue(complaint.exists())
        failure = self.env["klachtenbeheer.mail.failure"].search(
            [("message_id", "=", "<antwoord@example.nl>")]
        )
        self.assertEqual(len(failure), 1)

    def test_other_mail_still_raises(self):
        raw = build_mail(to="iemand@elders.example")
        with self.assertRaises(ValueError):
            self._process(raw)
        self.assertFalse(self.env["klachtenbeheer.mail.failure"].search([]))


@tagged("post_install", "-at_install")
class TestMailIntakeQueries(KlachtenbeheerMailCase):
    """Queries of one new complaint mail, warm, as the gateway runs it."""

    def setUp(self):
        super().setUp()
        # Tracking and subscriptions on: what the gateway really does.
        self.env = self.env(context={})
        self.MailThread = self.env["mail.thread"]
        # A fixed working day (see QUERY_COUNT_MOMENT).
        frozen = freeze_time(QUERY_COUNT_MOMENT)
        frozen.start()
        self.addCleanup(frozen.stop)

    @warmup
    def test_intake_query_count(self):
        # A new sender each run: the complaint numbered, the mail posted; the
        # contact, the terms and the acknowledgement are left to the intake
        # cron.
        address = f"bewoner-{uuid.uuid4().hex[:12]}@example.nl"
        raw = build_mail(sender=f"Bewoner <{address}>")
        with self.assertQueryCount(QUERIES_MAIL_INTAKE):
            self.MailThread.message_process(False, raw)
            self.env.flush_all()
            self.env.cr.precommit.run()
        self.assertEqual(len(self._complaints_from(address)), 1)

    @warmup
    def test_intake_cron_query_count(self):
        # One run of the intake cron over 20 complaints by mail from new
        # senders: the contacts, followers, terms and their activities, the
        # acknowledgements (rendered for the batch at once, queued).
        self.Complaint._cron_send_acknowledgements(batch_size=1000)
        queue = self.env.ref("mail.ir_cron_mail_scheduler_action")
        self.env["ir.cron.trigger"].search([("cron_id", "=", queue.id)]).unlink()
        run = uuid.uuid4().hex[:12]
        addresses = [f"bewoner-{run}-{index}@example.nl" for index in range(20)]
        for index, address in enumerate(addresses):
            self.MailThread.message_process(
                False,
                build_mail(
                    sender=f"Bewoner {index} <{address}>", subject=f"Klacht {index}"
                ),
            )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES_INTAKE_CRON_BATCH):
            done = self.Complaint._cron_send_acknowledgements(batch_size=20)
            self.env.flush_all()
            self.env.cr.precommit.run()
        complaints = self.Complaint.search([("email_normalized", "in", addresses)])
        self.assertEqual(done, complaints)
        acknowledgement = self.env.ref(
            "klachtenbeheer.mail_activity_type_acknowledgement"
        )
        for complaint in complaints:
            self.assertFalse(complaint.registration_pending)
            self.assertTrue(complaint.date_acknowledged)
            self.assertTrue(complaint.date_answer_due)
            self.assertIn(complaint.partner_id, complaint.message_partner_ids)
            self.assertTrue(complaint.activity_ids)
            self.assertNotIn(acknowledgement, complaint.activity_ids.activity_type_id)
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "klachtenbeheer.complaint"),
                ("res_id", "in", complaints.ids),
                ("recipient_ids", "!=", False),
            ]
        )
        self.assertEqual(mails.recipient_ids, complaints.partner_id)
        # Each acknowledgement hangs under its thread's first message, the
        # complainant's mail (flat thread), looked up for the batch at once.
        for mail in mails:
            first = self.env["mail.message"].search(
                [("model", "=", mail.model), ("res_id", "=", mail.res_id)],
                order="id",
                limit=1,
            )
            self.assertEqual(first.message_type, "email")
            self.assertEqual(mail.mail_message_id.parent_id, first)
        # Queued, and Odoo's mail queue runs right after the commit.
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", queue.id)])
        )


@tagged("post_install", "-at_install")
class TestTemplateCompiledOnce(KlachtenbeheerMailCase):
    """The acknowledgements of a batch: the template compiled once, each
    complaint rendered as Odoo renders it."""

    def test_same_text_one_compilation(self):
        complaints = self.Complaint.browse()
        for index in range(3):
            complaints |= self._create_complaint(
                subject=f"Klacht {index}", contact_name=f"Bewoner {index}"
            )
        template = self.env.ref("klachtenbeheer.mail_template_acknowledgement")
        source = template.body_html
        qweb_class = type(self.env["ir.qweb"])
        with patch.object(
            qweb_class,
            "_compile",
            autospec=True,
            side_effect=qweb_class._compile,
        ) as compiled:
            ours = template._render_template_qweb(
                source, complaints._name, complaints.ids
            )
        self.assertEqual(compiled.call_count, 1)
        odoo = OdooRenderMixin._render_template_qweb(
            template, source, complaints._name, complaints.ids
        )
        self.assertEqual(ours, odoo)
        for index, complaint in enumerate(complaints):
            self.assertIn(f"Bewoner {index}", ours[complaint.id])
            self.assertNotIn(f"Bewoner {(index + 1) % 3}", ours[complaint.id])


@tagged("post_install", "-at_install")
class TestIntakeCronTimeLimit(KlachtenbeheerMailCase):
    """Odoo runs up to ten batches of a cron job in one go, within the cron
    worker's time limit: a job whose batches are slow ends early and a new
    job takes the rest, instead of the worker being killed mid-batch."""

    def _run_batch(self):
        cron = self.env.ref("klachtenbeheer.ir_cron_send_acknowledgements")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        self.Complaint.with_context(
            ir_cron_progress_id=progress.id
        )._cron_send_acknowledgements(batch_size=1)
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        return progress, triggers

    def test_slow_batches_end_the_job(self):
        run = uuid.uuid4().hex[:8]
        for index in range(3):
            self.env["mail.thread"].message_process(
                False,
                build_mail(
                    sender=f"Bewoner <bewoner-{run}-{index}@example.nl>",
                    subject=f"Klacht {index}",
                ),
            )
        cron = self.env.ref("klachtenbeheer.ir_cron_send_acknowledgements")
        self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]).unlink()
        # Time enough: Odoo goes on with the next batch in this job.
        with patch.dict(config.options, {"limit_time_real_cron": 3600}):
            progress, triggers = self._run_batch()
        self.assertEqual((progress.done, progress.remaining), (1, 2))
        self.assertFalse(triggers)
        # A batch slower than a tenth of the limit: the job stops, and a
        # trigger starts the next job at once.
        with patch.dict(
            config.options, {"limit_time_real_cron": -1, "limit_time_real": 1e-6}
        ):
            progress, triggers = self._run_batch()
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertEqual(len(triggers), 1)
        self.assertLessEqual(triggers.call_at, fields.Datetime.now())
        pending = self.Complaint.search(
            [
                ("email_from", "ilike", f"bewoner-{run}-"),
                ("registration_pending", "=", True),
            ]
        )
        self.assertEqual(len(pending), 1)


@tagged("post_install", "-at_install")
class TestIntakeBackpressure(KlachtenbeheerMailCase):
    """While mail arrives faster than the intake cron completes it, the
    queue stays bounded: from the limit on, the gateway completes a mail's
    registration on delivery, as the cron would have."""

    def _queue_limit(self, extra):
        waiting = self.Complaint.search_count([("registration_pending", "=", True)])
        self.env["ir.config_parameter"].set_param(
            "klachtenbeheer.intake_queue_limit", str(waiting + extra)
        )

    def _deliver(self, run, index):
        return self.Complaint.browse(
            self._process(
                build_mail(
                    sender=f"Bewoner {index} <bewoner-{run}-{index}@example.nl>",
                    subject=f"Klacht {index} over de lift",
                )
            )
        )

    def test_full_queue_completes_on_delivery(self):
        run = uuid.uuid4().hex[:8]
        self._queue_limit(2)
        first, second, third = (self._deliver(run, index) for index in range(3))
        self.assertTrue(first.registration_pending)
        self.assertTrue(second.registration_pending)
        # The third finds two waiting: it is complete when the gateway is
        # done, with the contact, the terms, their activities and the
        # acknowledgement to the complainant, below the mail.
        self.assertFalse(third.registration_pending)
        self.assertFalse(third.acknowledgement_pending)
        self.assertEqual(third.partner_id.email, f"bewoner-{run}-2@example.nl")
        self.assertIn(third.partner_id, third.message_partner_ids)
        self.assertTrue(third.date_answer_due)
        self.assertTrue(third.activity_ids)
        self.assertTrue(third.date_acknowledged)
        mail = third.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(mail.author_id, third.partner_id)
        acknowledgement = third.message_ids - mail
        acknowledgement = acknowledgement.filtered(
            lambda m: third.partner_id in m.partner_ids
        )
        self.assertEqual(len(acknowledgement), 1)
        self.assertEqual(acknowledgement.parent_id, mail)
        self.assertGreater(acknowledgement.id, mail.id)
        # Queued for Odoo's mail queue, as the cron's are: not sent by the
        # gateway as well.
        queued = self.env["mail.mail"].search(
            [("mail_message_id", "=", acknowledgement.id)]
        )
        self.assertTrue(queued)
        self.assertEqual(set(queued.mapped("state")), {"outgoing"})
        # The cron completes the others, and has nothing left of the third.
        done = self.Complaint._cron_send_acknowledgements()
        self.assertNotIn(third, done)
        self.assertFalse(any((first | second).mapped("registration_pending")))
        self.assertEqual(
            third.message_ids.filtered(lambda m: third.partner_id in m.partner_ids),
            acknowledgement,
        )

    def test_no_limit(self):
        run = uuid.uuid4().hex[:8]
        self.env["ir.config_parameter"].set_param(
            "klachtenbeheer.intake_queue_limit", "0"
        )
        complaints = [self._deliver(run, index) for index in range(3)]
        self.assertTrue(all(c.registration_pending for c in complaints))

    def test_failure_on_delivery_keeps_the_mail(self):
        run = uuid.uuid4().hex[:8]
        self._queue_limit(1)
        waiting = self._deliver(run, 0)
        with (
            patch.object(
                type(self.Complaint),
                "_complete_registration",
                side_effect=ValueError("kapotte kop"),
            ),
            self.assertLogs(GATEWAY, level="WARNING") as logs,
        ):
            complaint = self._deliver(run, 1)
        self.assertTrue(waiting.registration_pending)
        self.assertIn(complaint.name, logs.output[0])
        # Registered, with the mail; out of the queue, with a note for the
        # team manager to take it further by hand.
        self.assertEqual(complaint.subject, "Klacht 1 over de lift")
        self.assertTrue(
            complaint.message_ids.filtered(lambda m: m.message_type == "email")
        )
        self.assertFalse(complaint.registration_pending)
        self.assertFalse(complaint.acknowledgement_pending)
        note = complaint.message_ids[0]
        self.assertIn("could not be completed automatically", note.body)
        self.assertIn(self.manager_a.partner_id, note.partner_ids)


@tagged("post_install", "-at_install")
class TestThreadParent(KlachtenbeheerMailCase):
    """A post hangs under the thread's first message, as in Odoo's flat
    threads, also when the first messages are looked up for a batch."""

    def test_first_post_then_under_it(self):
        complaint = self._create_complaint().with_context(mail_create_nolog=True)
        complaint.message_ids.unlink()
        # Looked up (as for a batch) before the thread has a message.
        self.assertFalse(complaint.sudo().thread_first_message_id)
        self.assertIn("thread_first_message_id", complaint._cache)
        first = complaint.message_post(body="Eerste", message_type="comment")
        self.assertFalse(first.parent_id)
        second = complaint.message_post(body="Tweede", message_type="comment")
        self.assertEqual(second.parent_id, first)
        # A given parent is Odoo's to follow up to its thread's top.
        third = complaint.message_post(
            body="Derde", message_type="comment", parent_id=second.id
        )
        self.assertEqual(third.parent_id, first)


# See docs/performance.md "Complaints by e-mail". 95 when the gateway did the
# whole registration; 47 with the contact of a new sender, the followers, the
# term activities and the acknowledgement left to the intake cron; 40 since
# the terms are planned by that cron too and it is triggered per fetch, not
# per mail; 38 with the first stage read with its search; 40 since a mail
# delivered on its own (as here) looks for a trigger of the intake cron still
# to come and, the first of a burst, makes one (+3), while the analysis
# periods wait for the cron (-1); 39 since the computed fields go into the
# INSERT (precompute) instead of an UPDATE right after it; 40 since the
# complainant's report token is read from the contact (AVG, complainant_key).
QUERIES_MAIL_INTAKE = 40
# One intake cron batch of 20 complaints by mail from new senders (see
# docs/performance.md "The whole registration by mail"): about 13 per
# complaint, most of it Odoo's posting of the acknowledgement (message,
# notification, queued mail) and the tracking message of the stage it moves
# to. 658 when every acknowledgement had its own composer and was sent at
# once (here, in test mode, inside the count), every complainant was
# subscribed on their own and every complaint looked at the calendar; 270
# with the suggestions of the batch (the counts of its words, the team,
# category and ground names, one insert of the lines: docs/suggestions.md);
# 251 since the threads' first messages (each acknowledgement's parent) are
# looked up for the batch in one query instead of one per post.
QUERIES_INTAKE_CRON_BATCH = 251
