# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Privacy by design (AVG art. 5(1)(e), 15, 17): retention, anonymisation,
legal hold, erasure and access, with real records through every path."""

import base64
import io
import json
import shutil
import zipfile

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import missing_pdf_tools, pdf_text
from .mail_common import KlachtenbeheerMailCase, build_mail
from .report_data import build_report_data


class PrivacyCase(KlachtenbeheerMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env,
            login="kb_privacy_officer",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_privacy_officer",
        )
        cls.env.ref("klachtenbeheer.group_klachtenbeheer_jurist").users |= cls.handler_a

    def _closed_by_mail(self, sender, when="2023-03-01 10:00:00", **values):
        """A complaint that came in by mail with an attachment, was handled
        (tracking, a hearing, legal advice, a reply) and closed at ``when``."""
        with freeze_time(when):
            raw = build_mail(
                sender=sender,
                subject="Schimmel in de badkamer",
                body="Mijn dochter heeft astma door de schimmel. Bel 0612345678.",
                attachments=[("foto-badkamer.jpg", b"\xff\xd8jpegdata")],
            )
            complaint = self.Complaint.browse(self._process(raw))
            # What the intake cron does for it (its batch may be taken by
            # others pending in the database).
            complaint._complete_intake()
            self.assertTrue(complaint.partner_id)
            complaint = complaint.with_context(
                tracking_disable=False, mail_notrack=False
            )
            complaint.write(
                {
                    "team_id": self.team_a.id,
                    "user_id": self.handler_a.id,
                    "facts": "De ventilatie is kapot.",
                    "is_lawyer_letter": True,
                    **values,
                }
            )
            complaint.with_user(self.handler_a).legal_advice = "<p>Niet erkennen.</p>"
            self.env["klachtenbeheer.hearing"].create(
                {
                    "complaint_id": complaint.id,
                    "date": when,
                    "minutes": "<p>Mevrouw vertelt over haar dochter.</p>",
                    "attendee_ids": [(6, 0, complaint.partner_id.ids)],
                }
            )
            # A mail still in the queue when the retention comes.
            self.env["mail.mail"].create(
                {
                    "model": complaint._name,
                    "res_id": complaint.id,
                    "subject": "Herinnering",
                    "body_html": f"<p>Beste {complaint.partner_id.name}</p>",
                    "email_to": complaint.partner_id.email,
                    "state": "exception",
                }
            )
            complaint.message_post(
                body="Wij komen de ventilatie maken.",
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
            )
            complaint.write(
                {
                    "answer": "<p>Wij herstellen de ventilatie.</p>",
                    "validity": "founded",
                    "stage_id": self.stage_closed.id,
                }
            )
            self._flush_tracking()
        return complaint


@tagged("post_install", "-at_install")
class TestRetention(PrivacyCase):
    def _sql(self, query, *args):
        self.env.flush_all()
        self.env.cr.execute(query, args)
        return self.env.cr.fetchall()

    def test_retention_anonymises_what_is_past_it(self):
        complaint = self._closed_by_mail("Fatma Demir <f.demir@example.nl>")
        partner = complaint.partner_id
        self.assertTrue(partner)
        kept_before = complaint.read(
            [
                "name",
                "date_received",
                "date_closed",
                "channel",
                "category_id",
                "team_id",
                "validity",
                "date_answered",
                "date_acknowledged",
                "answer_timeliness",
                "is_lawyer_letter",
                "complainant_key",
            ]
        )[0]
        message_ids = complaint.message_ids.ids
        # A tracking value of a field since removed from the model keeps its
        # value with no field (Odoo sets field_id NULL).
        self.env.cr.execute(
            "INSERT INTO mail_tracking_value (mail_message_id, old_value_char) "
            "VALUES (%s, '0612345678')",
            [message_ids[0]],
        )
        self.assertTrue(
            self.env["mail.mail"].search(
                [("model", "=", complaint._name), ("res_id", "=", complaint.id)]
            )
        )
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertTrue(attachments)
        self.assertTrue(
            self._sql(
                "SELECT 1 FROM mail_tracking_value WHERE mail_message_id = ANY(%s)",
                message_ids,
            )
        )
        # Not yet: closed 23 months ago.
        with freeze_time("2025-02-01"):
            self.Complaint._cron_anonymise_expired()
        self.assertFalse(complaint.anonymised)
        with freeze_time("2025-03-02"):
            self.Complaint._cron_anonymise_expired()
        self.env.invalidate_all()
        self.assertTrue(complaint.anonymised)
        self.assertEqual(
            complaint.read(list(kept_before))[0], kept_before, "the figures stay"
        )
        # Empty in the database, not only in the ORM's cache.
        [row] = self._sql(
            "SELECT partner_id, email_from, phone, description, facts, answer, "
            "legal_advice, contact_name FROM klachtenbeheer_complaint WHERE id = %s",
            complaint.id,
        )
        self.assertEqual(row, (None,) * 8)
        self.assertNotIn("Schimmel", complaint.subject)
        bodies = self._sql(
            "SELECT body, email_from, author_id FROM mail_message "
            "WHERE id = ANY(%s) AND (body IS NOT NULL OR email_from IS NOT NULL)",
            message_ids,
        )
        self.assertFalse(
            [b for b in bodies if "Demir" in (b[0] or "") + (b[1] or "")], bodies
        )
        self.assertFalse(
            self._sql("SELECT 1 FROM ir_attachment WHERE id = ANY(%s)", attachments.ids)
        )
        tracked = {
            row[0]
            for row in self._sql(
                "SELECT f.name FROM mail_tracking_value v JOIN ir_model_fields f "
                "ON f.id = v.field_id WHERE v.mail_message_id = ANY(%s)",
                message_ids,
            )
        }
        self.assertFalse(
            self._sql(
                "SELECT 1 FROM mail_tracking_value WHERE mail_message_id = ANY(%s) "
                "AND old_value_char = '0612345678'",
                message_ids,
            )
        )
        self.assertIn("stage_id", tracked)
        self.assertFalse(tracked - {"stage_id", "team_id", "user_id", "validity"})
        [hearing] = self._sql(
            "SELECT minutes, partner_id FROM klachtenbeheer_hearing "
            "WHERE complaint_id = %s",
            complaint.id,
        )
        self.assertEqual(hearing, (None, None))
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", complaint._name), ("res_id", "=", complaint.id)]
            )
        )
        # Nothing else needed the contact: it is anonymised and archived.
        partner.invalidate_recordset()
        self.assertFalse(partner.active)
        self.assertFalse(partner.email)
        self.assertNotIn("Demir", partner.name)
        # Logged on the complaint, in the company's language.
        self.assertIn(
            "retention period passed",
            " ".join(filter(None, complaint.message_ids.mapped("body"))),
        )
        # Idempotent: a second run changes nothing.
        date = complaint.date_anonymised
        with freeze_time("2025-03-03"):
            self.Complaint._cron_anonymise_expired()
        self.assertEqual(complaint.date_anonymised, date)

    def test_open_and_held_complaints_are_kept(self):
        open_one = self._create_complaint(date_received="2020-01-01 10:00:00")
        held = self._closed_by_mail("Kees Bos <k.bos@example.nl>")
        with self.assertRaises(AccessError):
            held.with_user(self.handler_a).write(
                {"legal_hold": True, "legal_hold_reason": "Rechtszaak"}
            )
        with self.assertRaises(ValidationError):
            held.with_user(self.officer).legal_hold = True
        held.with_user(self.officer).write(
            {
                "legal_hold": True,
                "legal_hold_reason": "Rechtszaak bij de kantonrechter",
                "legal_hold_until": "2027-01-01",
            }
        )
        self.assertEqual(held.legal_hold_user_id, self.officer)
        with freeze_time("2026-06-01"):
            self.Complaint._cron_anonymise_expired()
        self.assertFalse(open_one.anonymised)
        self.assertFalse(held.anonymised)
        self.assertTrue(held.partner_id)
        # The hold lapses on its date.
        with freeze_time("2027-01-02"):
            self.Complaint._cron_anonymise_expired()
        self.env.invalidate_all()
        self.assertTrue(held.anonymised)
        self.assertFalse(held.legal_hold_reason, "it may name the person")
        self.assertFalse(open_one.anonymised)

    def test_a_contact_that_is_still_needed_keeps_its_data(self):
        complaint = self._closed_by_mail("Anna de Vries <a.devries@example.nl>")
        partner = complaint.partner_id
        other = self._create_complaint(partner_id=partner.id)  # still open
        key = partner.sudo().klachtenbeheer_key
        self.assertEqual(complaint.complainant_key, key)
        complaint.with_user(self.officer).action_anonymise()
        self.env.invalidate_all()
        self.assertFalse(complaint.partner_id)
        self.assertTrue(partner.active)
        self.assertEqual(partner.email, "a.devries@example.nl")
        self.assertEqual(other.partner_id, partner)
        # The anonymised complaint's token no longer leads to the contact,
        # nor to its other complaints.
        self.assertNotEqual(partner.sudo().klachtenbeheer_key, key)
        self.assertEqual(complaint.complainant_key, key)
        self.assertEqual(other.complainant_key, partner.sudo().klachtenbeheer_key)

    def test_redirected_reports_and_kept_mails_have_their_own_period(self):
        redirect = self._closed_by_mail(
            "Jan Smit <j.smit@example.nl>", when="2025-10-01 10:00:00"
        )
        redirect.sudo().write(
            {"kind": "repair_request", "redirect_note": "Doorgestuurd naar onderhoud"}
        )
        Failure = self.env["klachtenbeheer.mail.failure"]
        with freeze_time("2026-01-01"):
            old = Failure.create({"reason": "auto_reply", "subject": "Afwezig"})
        with freeze_time("2026-03-20"):
            new = Failure.create({"reason": "auto_reply", "subject": "Afwezig"})
        with freeze_time("2026-04-15"):
            self.Complaint._cron_anonymise_expired()
        self.env.invalidate_all()
        self.assertTrue(redirect.anonymised, "6 months for a redirected report")
        self.assertFalse(old.exists())
        self.assertTrue(new.exists())

    def test_batches_resume_without_doing_anything_twice(self):
        complaints = self.Complaint
        for number in range(3):
            complaints |= self._closed_by_mail(
                f"Klager {number} <k{number}@example.nl>"
            )
        with freeze_time("2026-06-01"):
            self.Complaint._cron_anonymise_expired(batch_size=2)
            self.env.invalidate_all()
            self.assertEqual(len(complaints.filtered("anonymised")), 2)
            first = complaints.filtered("anonymised")
            dates = first.mapped("date_anonymised")
            self.Complaint._cron_anonymise_expired(batch_size=2)
            self.env.invalidate_all()
        self.assertTrue(all(complaints.mapped("anonymised")))
        self.assertEqual(first.mapped("date_anonymised"), dates)
        notes = complaints.message_ids.filtered(
            lambda m: "Personal data removed" in (m.body or "")
        )
        self.assertEqual(len(notes), 3, "one note per complaint, never two")

    def test_only_the_privacy_officer(self):
        complaint = self._closed_by_mail("Piet Groen <p.groen@example.nl>")
        for user in (self.handler_a, self.coordinator, self.manager_a):
            with self.assertRaises(AccessError):
                complaint.with_user(user).action_anonymise()
            with self.assertRaises(AccessError):
                self.env["klachtenbeheer.privacy.request"].with_user(user).create(
                    {"kind": "access", "partner_id": complaint.partner_id.id}
                )
            with self.assertRaises(AccessError):
                complaint.with_user(user).write({"anonymised": True})
        self.assertFalse(complaint.anonymised)
        complaint.with_user(self.officer).action_anonymise()
        self.assertTrue(complaint.anonymised)
        with self.assertRaises(UserError):
            complaint.with_user(self.coordinator).facts = "Nieuwe feiten"


@tagged("post_install", "-at_install")
class TestPrivacyRequests(HttpCase, PrivacyCase):
    """(An HttpCase: wkhtmltopdf fetches the report's assets from the test
    server.)"""

    def test_access_export_holds_everything_of_the_person_only(self):
        # The overview in the archive is a PDF.
        if reason := missing_pdf_tools(pdftotext=False):
            self.skipTest(reason)
        first = self._closed_by_mail("Sara Koster <sara.koster@example.org>")
        person = first.partner_id
        second = self._create_complaint(
            partner_id=person.id, description="<p>Tweede klacht van Sara</p>"
        )
        someone_else = self._closed_by_mail("Tom Visser <t.visser@example.nl>")
        form = Form(self.env["klachtenbeheer.privacy.request"].with_user(self.officer))
        form.kind = "access"
        form.partner_id = person
        self.assertEqual(form.email, "sara.koster@example.org")
        request = form.save()
        self.assertTrue(request.name.startswith("AVG/"))
        # (Odoo renders reports as HTML in tests unless told to make the PDF.)
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        # Debian's wkhtmltopdf warns that its Qt is unpatched: not ours.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            request.with_context(force_report_rendering=True).action_export()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.complaint_ids, first | second)
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(request.export_id.datas)))
        names = archive.namelist()
        self.assertIn("overzicht.pdf", names)
        self.assertTrue(archive.read("overzicht.pdf").startswith(b"%PDF"))
        if shutil.which("pdftotext"):
            # The letterhead is in the page (klachtenbeheer.letter_layout).
            overview = pdf_text(archive.read("overzicht.pdf"))
            self.assertIn(request.company_id.name, overview)
            self.assertIn(first.name, overview)
        data = json.loads(archive.read("gegevens.json"))
        self.assertEqual(
            sorted(c["Number"] for c in data["klachten"]),
            sorted((first | second).mapped("name")),
        )
        self.assertIn(
            f"bijlagen/{first.name.replace('/', '_')}/foto-badkamer.jpg", names
        )
        everything = json.dumps(data) + " ".join(names)
        self.assertIn("astma", everything)
        self.assertIn("Tweede klacht van Sara", everything)
        self.assertNotIn("Visser", everything)
        self.assertNotIn(someone_else.name, everything)
        self.assertIn("exported 2 complaints", request.message_ids[0].body)

    def test_erasure_on_request(self):
        closed = self._closed_by_mail("Lotte Mulder <l.mulder@example.nl>")
        person = closed.partner_id
        still_open = self._create_complaint(partner_id=person.id)
        request = (
            self.env["klachtenbeheer.privacy.request"]
            .with_user(self.officer)
            .create({"kind": "erasure", "partner_id": person.id})
        )
        request.action_erase()
        self.env.invalidate_all()
        self.assertTrue(closed.anonymised)
        self.assertFalse(still_open.anonymised)
        self.assertEqual(request.skipped_complaint_ids, still_open)
        self.assertIn(
            request.name, " ".join(filter(None, closed.message_ids.mapped("body")))
        )
        with self.assertRaises(UserError):
            request.action_erase()


@tagged("post_install", "-at_install")
class TestReportsStayTheSame(PrivacyCase):
    def test_quarterly_annual_and_analysis_figures(self):
        build_report_data(
            self.env, self.team_a, self.team_b, self.partner, self.other_employee
        )
        Complaint = self.env["klachtenbeheer.complaint"]
        closed = Complaint.search([("is_closed", "=", True)])
        self.assertTrue(closed)
        # Everything the data set has is anonymised, closed or not.
        everything = Complaint.search([("date_received", "<", "2020-01-01")])

        def figures():
            self.env.invalidate_all()
            values = {}
            for report, data in (
                ("quarterly", {"year": 2019, "quarter": 2}),
                ("quarterly", {"year": 2019, "quarter": 2, "by_team": True}),
                ("annual", {"year": 2019}),
            ):
                Report = self.env(user=self.coordinator)[
                    f"report.klachtenbeheer.report_{report}"
                ]
                result = Report._get_report_values(
                    [], data=dict(data, company_id=self.company.id)
                )
                values[report, tuple(data)] = repr(
                    result.get("sections") or (result["rows"], result["total"])
                )
            values["analysis"] = self.env["klachtenbeheer.complaint.report"].read_group(
                [],
                ["complaint_count:sum", "answered_count:sum", "on_time_count:sum"],
                ["team_id", "category_id", "channel"],
                lazy=False,
            )
            return values

        before = figures()
        everything.with_context(lang="en_US")._anonymise("retention")
        self.assertTrue(all(everything.mapped("anonymised")))
        self.assertEqual(figures(), before)


@tagged("post_install", "-at_install")
class TestRetentionSettings(PrivacyCase):
    def test_the_settings_page_sets_the_periods(self):
        settings = Form(self.env["res.config.settings"])
        settings.klachtenbeheer_retention_months = 36
        settings.klachtenbeheer_retention_redirect_months = 3
        settings.klachtenbeheer_retention_mail_months = 1
        settings.klachtenbeheer_retention_keep_employee = True
        settings.save().execute()
        self.assertEqual(self.company.klachtenbeheer_retention_months, 36)
        self.assertEqual(self.company.klachtenbeheer_retention_redirect_months, 3)
        self.assertEqual(self.company.klachtenbeheer_retention_mail_months, 1)
        # Kept: the employee concerned survives the anonymisation.
        complaint = self._closed_by_mail(
            "Rob Kok <r.kok@example.org>", user_concerned_id=self.other_employee.id
        )
        with freeze_time("2026-02-01"):
            self.Complaint._cron_anonymise_expired()
        self.assertFalse(complaint.anonymised, "36 months now")
        with freeze_time("2026-03-02"):
            self.Complaint._cron_anonymise_expired()
        self.assertTrue(complaint.anonymised)
        self.env.invalidate_all()
        self.assertEqual(complaint.sudo().user_concerned_id, self.other_employee)
