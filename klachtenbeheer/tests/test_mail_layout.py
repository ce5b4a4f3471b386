# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complainant's mails read like letters from the organisation: the
team's address as sender and reply address, our own layout without software
branding, formal Dutch and one way of writing the case number."""

import re
from pathlib import Path

from freezegun import freeze_time

from odoo.tests import Form, HttpCase, tagged
from odoo.tools import formataddr, html2plaintext

from odoo.addons.mail.tests.common import MockEmail

from .common import DutchCase
from .mail_common import ALIAS, KlachtenbeheerMailCase, build_mail

PO_FILE = Path(__file__).resolve().parent.parent / "i18n" / "nl.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%s|%d")
FORBIDDEN = ("Odoo", "Powered by", "Aangeboden door", "Ontvolgen", "unsubscribe")
INFORMAL = re.compile(r"\b(je|jij|jouw|jullie)\b", re.IGNORECASE)


def _po_unquote(line):
    return line[line.index('"') + 1 : line.rindex('"')].replace('\\"', '"')


def english_fragments(po_path=PO_FILE, min_length=12):
    """Fragments (between placeholders) of the msgids of ``po_path`` whose
    Dutch msgstr differs: found verbatim in a Dutch text, they are an
    untranslated English source string."""
    entries, key, current = [], None, {}
    for line in po_path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            key = "msgid"
            current = {"msgid": _po_unquote(line), "msgstr": ""}
        elif line.startswith("msgstr "):
            key = "msgstr"
            current["msgstr"] = _po_unquote(line)
        elif line.startswith('"') and key:
            current[key] += _po_unquote(line)
        elif not line.strip() and current:
            entries.append(current)
            current, key = {}, None
    fragments = set()
    for entry in entries:
        if not entry["msgid"] or entry["msgid"] == entry["msgstr"]:
            continue
        for fragment in PLACEHOLDER.split(entry["msgid"].replace("\\n", "\n")):
            fragment = " ".join(fragment.split())
            if len(fragment) >= min_length and " " in fragment:
                fragments.add(fragment)
    return fragments


@tagged("post_install", "-at_install")
class TestMailLayout(DutchCase, KlachtenbeheerMailCase, MockEmail):
    """A whole life cycle, the way the crons and an English-speaking handler
    run it, for a Dutch complainant of a Dutch organisation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "name": "Woonservice",
                "email": "info@woonservice.example",
                "street": "Dorpsstraat 1",
                "zip": "2636 AA",
                "city": "Schipluiden",
            }
        )
        cls.company.partner_id.lang = "nl_NL"
        cls.team_a.name = "Klachten Woonservice"
        cls.handler_a.write({"lang": "en_US", "email": "jan.privé@example.com"})
        cls.manager_a.write({"lang": "nl_NL", "email": "teamleider@example.com"})
        cls.team_a.member_ids = cls.handler_a
        cls.sender = formataddr(("Klachten Woonservice", ALIAS))
        cls.english = english_fragments()

    def _complainant_mails(self, complaint):
        partners = complaint.correspondence_partner_ids
        messages = complaint.message_ids.filtered(
            lambda m: (
                m.message_type != "email"
                and (m.partner_ids & partners or not m.subtype_id.internal)
            )
        )
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", complaint._name),
                    ("res_id", "=", complaint.id),
                    ("recipient_ids", "in", partners.ids),
                ]
            )
        )
        return messages, mails

    def _assert_letter(self, complaint, text, what):
        for word in FORBIDDEN:
            self.assertNotIn(word, text, f"{what}: {word!r}")
        self.assertFalse(INFORMAL.search(text), f"{what}: informal: {text}")
        number = complaint.name
        self.assertNotIn(number.replace("/", "-"), text, what)
        for fragment in self.english:
            self.assertNotIn(fragment, text, f"{what}: English {fragment!r}")

    @freeze_time("2026-11-17 10:00:00")
    def test_life_cycle_mails_come_from_the_team(self):
        long_line = "Het dak lekt al drie weken en niemand komt kijken " * 6
        raw = build_mail(
            subject="Lekkage niet verholpen",
            sender="Fatima Yilmaz <f.yilmaz@example.com>",
            body=(
                f"Geachte heer, mevrouw,\n\n{long_line}\n"
                "Met vriendelijke groet,\nFatima"
            ),
        )
        with self.mock_mail_gateway():
            self._run_life_cycle(raw)
        complaint = self._complaints_from("f.yilmaz@example.com")
        self._assert_life_cycle(complaint)

    def _run_life_cycle(self, raw):
        self._process(raw)
        complaint = self._complaints_from("f.yilmaz@example.com")
        self.assertEqual(len(complaint), 1)
        self.partner.lang = "nl_NL"

        # The plain-text mail keeps its lines and wraps (no <pre>).
        incoming = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertNotIn("<pre", str(incoming.body))
        self.assertIn("<br>Met vriendelijke groet,<br>Fatima", str(incoming.body))
        self.assertNotIn("<pre", str(complaint.description))

        # Intake cron (as OdooBot): registration and acknowledgement.
        complaint.write({"team_id": self.team_a.id, "user_id": self.handler_a.id})
        self.Complaint._cron_send_acknowledgements()
        self.assertTrue(complaint.date_acknowledged)
        # The acknowledgement is queued; Odoo's mail queue sends it (the
        # intake triggered it).
        self.env["mail.mail"].process_email_queue()

        handler_complaint = complaint.with_user(self.handler_a)
        # Contact: the handler writes to the complainant in the chatter.
        handler_complaint.message_post(
            body="<p>Geachte mevrouw Yilmaz, wij bellen u morgen.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=complaint.correspondence_partner_ids.ids,
        )
        handler_complaint.action_record_contact()

        # Extension (Awb 9:11).
        wizard = Form(
            self.env["klachtenbeheer.extension.wizard"]
            .with_user(self.handler_a)
            .with_context(default_complaint_id=complaint.id)
        )
        wizard.weeks = 2
        wizard.reason = "Wachten op de aannemer"
        wizard.save().action_confirm()

        # Decision by the composer.
        complaint.write(
            {
                "facts": "De lekkage is op 3 februari gemeld.",
                "circumstances": "De aannemer kwam twee keer niet.",
                "causes": "De planning gaf de melding geen spoed.",
                "validity": "founded",
                "answer": "<p>De aannemer had eerder moeten komen.</p>",
                "remedy_ids": [
                    (6, 0, self.env.ref("klachtenbeheer.remedy_apology").ids)
                ],
                "measures_taken": "<p>Lekkages krijgen voortaan spoed.</p>",
            }
        )
        action = handler_complaint.action_send_decision()
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.handler_a)
            .with_context(**action["context"])
        )
        composer.save().action_send_mail()
        self.assertTrue(complaint.date_decision_sent)

        # Closure.
        complaint.with_user(self.handler_a).stage_id = self.stage_closed
        self._flush_tracking()
        self.Complaint._cron_check_terms()

    def _assert_life_cycle(self, complaint):
        messages, mails = self._complainant_mails(complaint)
        self.assertGreaterEqual(len(messages), 4)  # ack, contact, extension, decision
        self.assertGreaterEqual(len(mails), 4)
        for message in messages:
            what = f"message {message.subject or message.body[:40]}"
            self.assertEqual(message.email_from, self.sender, what)
            self.assertEqual(message.reply_to, self.sender, what)
            self.assertNotEqual(message.author_id, self.env.ref("base.partner_root"))
            self._assert_letter(complaint, html2plaintext(message.body or ""), what)
            self._assert_letter(complaint, message.subject or "", what)
        for mail in mails:
            what = f"mail {mail.subject}"
            self.assertEqual(mail.email_from, self.sender, what)
            self.assertEqual(mail.reply_to, self.sender, what)
            self.assertNotIn("jan.priv", mail.email_from)
            body = mail.body_html or ""
            self._assert_letter(complaint, html2plaintext(body), what)
            self._assert_letter(complaint, mail.subject or "", what)
            self.assertNotIn("/mail/unfollow", body, what)
            self.assertNotIn("/odoo/", body, what)
            self.assertNotIn("/web#", body, what)
            self.assertIn(complaint.name, body, what)
            self.assertIn("Uw klacht", body, what)
            self.assertIn("Dorpsstraat 1", body, what)

        # What left the building: the e-mails as the mail server got them.
        sent = [
            email
            for email in self._mails
            if any("f.yilmaz@example.com" in to for to in email["email_to"])
        ]
        self.assertGreaterEqual(len(sent), 4)
        for email in sent:
            what = f"e-mail {email['subject']}"
            self.assertEqual(email["email_from"], self.sender, what)
            self.assertEqual(email["reply_to"], self.sender, what)
            self._assert_letter(complaint, html2plaintext(email["body"] or ""), what)
            self.assertNotIn("/mail/unfollow", email["body"] or "", what)

        # The employees' copies keep Odoo's layout (a button to the complaint).
        manager_mails = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", complaint._name),
                    ("res_id", "=", complaint.id),
                    ("recipient_ids", "in", self.manager_a.partner_id.ids),
                    (
                        "recipient_ids",
                        "not in",
                        complaint.correspondence_partner_ids.ids,
                    ),
                ]
            )
        )
        for mail in manager_mails.filtered(
            lambda m: m.email_layout_xmlid == "klachtenbeheer.mail_layout_complainant"
        ):
            self.assertNotIn("Uw klacht", mail.body_html)

        # What the crons wrote (messages, activities for Dutch users) is Dutch.
        generated = complaint.message_ids.filtered(
            lambda m: (
                m.message_type != "email"
                and m.author_id
                in (self.env.ref("base.partner_root") | self.company.partner_id)
            )
        )
        texts = [
            (f"message {m.id}", html2plaintext(m.body or "")) for m in generated
        ] + [
            (f"tracking {m.id}", str(v.new_value_char or ""))
            for m in generated
            for v in m.sudo().tracking_value_ids
        ]
        activities = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
            )
            .filtered(lambda a: a.user_id.lang == "nl_NL")
        )
        texts += [(f"activity {a.id}", a.summary or "") for a in activities]
        texts += [(f"note {a.id}", html2plaintext(a.note or "")) for a in activities]
        for what, text in texts:
            for fragment in self.english:
                self.assertNotIn(fragment, text, f"{what}: English {fragment!r}")

    def test_sender_falls_back_to_the_company(self):
        self.team_a.alias_name = False
        complaint = self._create_complaint(team_id=self.team_a.id)
        self.assertEqual(
            complaint.mail_sender,
            formataddr(("Woonservice", "info@woonservice.example")),
        )
        message = complaint.with_user(self.handler_a).message_post(
            body="<p>Geachte mevrouw, wij bellen u.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.partner.ids,
        )
        self.assertEqual(message.email_from, complaint.mail_sender)
        self.assertEqual(message.reply_to, complaint.mail_sender)
        self.assertEqual(message.author_id, self.handler_a.partner_id)
        self.assertEqual(
            message.email_layout_xmlid, "klachtenbeheer.mail_layout_complainant"
        )
        # An internal note keeps the handler as sender.
        note = complaint.with_user(self.handler_a).message_post(
            body="<p>Intern</p>", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(note.email_from, self.handler_a.email_formatted)

    def test_templates_have_the_team_sender_and_layout(self):
        # Also in a database installed before the layout (noupdate records).
        for xmlid in (
            "mail_template_acknowledgement",
            "mail_template_extension",
            "mail_template_outside_procedure",
            "mail_template_decision",
        ):
            template = self.env.ref(f"klachtenbeheer.{xmlid}")
            self.assertEqual(template.email_from, "{{ object.mail_sender }}")
            self.assertEqual(template.reply_to, "{{ object.mail_sender }}")
            self.assertEqual(
                template.email_layout_xmlid, "klachtenbeheer.mail_layout_complainant"
            )
        # What a coordinator set stays.
        template = self.env.ref("klachtenbeheer.mail_template_extension")
        template.email_from = "Klachtencoördinator <klachten@example.com>"
        self.Complaint._klachtenbeheer_update_complainant_templates()
        self.assertEqual(
            template.email_from, "Klachtencoördinator <klachten@example.com>"
        )

    def test_po_helper_finds_english(self):
        # The check above can fail: a known source string is found.
        self.assertIn("First contact with the complainant recorded by", self.english)

    def test_cron_names_in_dutch(self):
        names = {
            "klachtenbeheer.ir_cron_check_terms": "Klachten: termijnen waarschuwen",
            "klachtenbeheer.ir_cron_send_acknowledgements": "Klachten: ",
            "klachtenbeheer.ir_cron_anonymise_expired": "Klachten: ",
            "klachtenbeheer.ir_cron_dutch_holidays": "Klachten: ",
        }
        for xmlid, start in names.items():
            cron = self.env.ref(xmlid).with_context(lang="nl_NL")
            self.assertTrue(cron.name.startswith(start), cron.name)
            self.assertNotEqual(
                cron.name, self.env.ref(xmlid).with_context(lang="en_US").name
            )


@tagged("post_install", "-at_install")
class TestPortalTitle(DutchCase, HttpCase, KlachtenbeheerMailCase):
    """The complaint's portal page has a title the complainant reads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user.partner_id.write(
            {"lang": "nl_NL", "email": "kb.portal@example.com"}
        )
        cls.portal_user.lang = "nl_NL"
        cls.complaint = cls._create_complaint(
            partner_id=cls.portal_user.partner_id.id, team_id=cls.team_a.id
        )
        if "website" in cls.env:
            dutch = cls.env.ref("base.lang_nl")
            cls.env["website"].search([]).write(
                {"language_ids": [(4, dutch.id)], "default_lang_id": dutch.id}
            )

    def test_portal_title_in_dutch(self):
        self.authenticate("kb_portal", "kb_portal")
        response = self.url_open(f"/my/klachten/{self.complaint.id}")
        self.assertEqual(response.status_code, 200)
        title = re.search(r"<title>(.*?)</title>", response.text, re.S).group(1)
        self.assertIn(f"Klacht {self.complaint.name}", title)
        self.assertNotIn("Complaint Portal Page", response.text)
        self.assertNotIn("Odoo", title)
