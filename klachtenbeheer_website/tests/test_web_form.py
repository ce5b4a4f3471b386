# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import fields, http
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.klachtenbeheer.tests.common import load_dutch

LOGGER = "odoo.addons.klachtenbeheer_website.controllers.main"


@tagged("post_install", "-at_install")
class TestWebForm(HttpCase):
    """The public complaint form at /klacht, in Dutch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["klachtenbeheer.complaint"]
        cls.website = cls.env.ref("website.default_website")
        cls.company = cls.website.company_id
        cls.company.write(
            {
                "klachtenbeheer_allow_anonymous": True,
                "klachtenbeheer_web_rate_limit": 5,
                "klachtenbeheer_web_max_upload_mb": 10,
                "klachtenbeheer_web_extensions": "pdf,jpg,jpeg,png,docx",
            }
        )
        nl = load_dutch(cls.env, ("klachtenbeheer", "klachtenbeheer_website"))
        # Dutch next to the default language: the pages are opened under
        # /nl/ (the test session's own language would win over a default).
        cls.website.language_ids = [(4, nl.id)]
        cls.team = cls.env["klachtenbeheer.team"].create({"name": "Team Web"})
        cls.category = cls.env["klachtenbeheer.category"].search(
            [("website_published", "=", True)], limit=1
        )
        # First in the list, whatever the language sorts by name.
        cls.category.write({"web_team_id": cls.team.id, "sequence": -100})
        # Earlier runs in the same database must not count for the limit.
        cls.env["klachtenbeheer.web.submission"].search([]).unlink()

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _post(self, data=None, files=None, csrf=True):
        values = {
            "contact_name": "Ria Post",
            "email_from": "ria.post@example.com",
            "description": "De container wordt niet geleegd.",
            "privacy": "1",
        }
        values.update(data or {})
        if csrf:
            values["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(
            "/nl/klacht/indienen", data=values, files=files, allow_redirects=False
        )

    def _web_complaints(self, email):
        return self.Complaint.search(
            [("channel", "=", "web_form"), ("email_from", "=", email)]
        )

    def test_form_page(self):
        response = self.url_open("/nl/klacht")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Klacht indienen", response.text)  # title and menu
        self.assertIn('name="csrf_token"', response.text)
        self.assertIn('name="website_url"', response.text)  # the honeypot
        self.assertIn(self.category.with_context(lang="nl_NL").name, response.text)
        self.assertIn('name="is_anonymous"', response.text)
        self.company.klachtenbeheer_allow_anonymous = False
        response = self.url_open("/nl/klacht")
        self.assertNotIn('name="is_anonymous"', response.text)
        menu = self.env.ref("klachtenbeheer_website.website_menu_complaint")
        self.assertEqual(menu.url, "/klacht")

    def test_tour_happy_path(self):
        self.start_tour("/nl/klacht", "klachtenbeheer_website_complaint")
        complaint = self._web_complaints("joost.tourman@example.com")
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.channel, "web_form")
        self.assertEqual(complaint.contact_name, "Joost Tourman")
        self.assertEqual(complaint.phone, "0612345678")
        self.assertEqual(complaint.street, "Lijnbaan 5")
        self.assertEqual(complaint.zip, "3512 AB")
        self.assertEqual(complaint.city, "Utrecht")
        self.assertEqual(complaint.category_id, self.category)
        self.assertEqual(complaint.team_id, self.team)
        self.assertEqual(complaint.handling_preference, "phone_visit")
        self.assertEqual(complaint.desired_outcome, "Lift repareren en excuses.")
        self.assertIn("twee weken kapot", complaint.description)
        self.assertEqual(
            complaint.subject, "De lift in ons portiek is al twee weken kapot."
        )
        self.assertEqual(complaint.company_id, self.company)
        self.assertFalse(complaint.is_anonymous)
        self.assertEqual(complaint.partner_id.email, "joost.tourman@example.com")
        self.assertTrue(complaint.acknowledgement_pending)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attachment.name, "lift.pdf")
        self.assertEqual(attachment.raw, b"%PDF-1.4\n% lift\n")

    def test_tour_error_path(self):
        self.start_tour("/nl/klacht", "klachtenbeheer_website_complaint_errors")
        self.assertFalse(self._web_complaints("joost-at-example"))
        complaint = self._web_complaints("joost.foutman@example.com")
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.desired_outcome, "Een gesprek.")

    def test_success_redirects_with_token(self):
        response = self._post()
        self.assertEqual(response.status_code, 303)
        complaint = self._web_complaints("ria.post@example.com")
        self.assertEqual(len(complaint), 1)
        location = response.headers["Location"]
        self.assertIn(f"/klacht/bedankt?token={complaint.access_token}", location)
        self.assertNotIn(f"={complaint.id}", location)
        page = self.url_open(location)
        self.assertIn(complaint.name, page.text)
        # A guessed or wrong token shows no number.
        page = self.url_open("/nl/klacht/bedankt?token=wrong")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(complaint.name, page.text)

    def test_server_side_errors_keep_input(self):
        response = self._post(
            {"email_from": "geen-adres", "description": "", "phone": "0101234567"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Het e-mailadres geen-adres is niet geldig.", response.text)
        self.assertIn("Beschrijf uw klacht.", response.text)
        self.assertIn('value="Ria Post"', response.text)
        self.assertIn('value="0101234567"', response.text)
        self.assertFalse(self._web_complaints("geen-adres"))
        response = self._post({"privacy": ""})
        self.assertIn("privacyverklaring", response.text)
        self.assertFalse(self._web_complaints("ria.post@example.com"))

    def test_anonymous(self):
        response = self._post(
            {"is_anonymous": "1", "contact_name": "", "email_from": ""}
        )
        self.assertEqual(response.status_code, 303)
        complaint = self.Complaint.search(
            [("channel", "=", "web_form"), ("is_anonymous", "=", True)],
            order="id desc",
            limit=1,
        )
        self.assertTrue(complaint)
        self.assertFalse(complaint.partner_id)
        # Not allowed: the name is required again.
        self.company.klachtenbeheer_allow_anonymous = False
        response = self._post(
            {"is_anonymous": "1", "contact_name": "", "email_from": "x@example.com"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Vul uw naam in.", response.text)
        self.assertFalse(self._web_complaints("x@example.com"))

    def test_suggestions_at_registration(self):
        # Suggestions learned from the register (klachtenbeheer): made when
        # the form registers the complaint, never applied by themselves.
        response = self._post(
            {
                "email_from": "suggestie@example.com",
                "description": "De container wordt weer niet geleegd. Ik wil "
                "graag gehoord worden in een hoorzitting.",
            }
        )
        self.assertEqual(response.status_code, 303)
        complaint = self._web_complaints("suggestie@example.com")
        line = complaint.suggestion_ids.filtered(
            lambda line: line.target == "preference"
        )
        self.assertEqual(line.value, "hearing")
        self.assertIn("hoorzitting", line.words)
        self.assertEqual(complaint.handling_preference, "informal")

    def test_honeypot(self):
        with self.assertLogs(LOGGER, logging.INFO) as logs:
            response = self._post({"website_url": "http://spam.example.com"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("klacht", response.text.lower())
        self.assertFalse(self._web_complaints("ria.post@example.com"))
        self.assertIn("honeypot", logs.output[0])

    def test_rate_limit_per_ip(self):
        self.company.klachtenbeheer_web_rate_limit = 2
        for index in range(2):
            response = self._post({"email_from": f"ip{index}@example.com"})
            self.assertEqual(response.status_code, 303)
        with self.assertLogs(LOGGER, logging.INFO):
            response = self._post({"email_from": "ip2@example.com"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("in korte tijd", response.text)
        self.assertFalse(self._web_complaints("ip2@example.com"))
        # An hour later the address may send again.
        self.env["klachtenbeheer.web.submission"].search([]).write(
            {"date": fields.Datetime.now() - timedelta(minutes=61)}
        )
        self.assertEqual(self._post({"email_from": "ip2@example.com"}).status_code, 303)

    def test_rate_limit_per_email(self):
        self.company.klachtenbeheer_web_rate_limit = 2
        # Two earlier complaints from this address, sent from elsewhere.
        self.env["klachtenbeheer.web.submission"].create(
            [
                {
                    "ip_address": f"192.0.2.{index}",
                    "email_normalized": "ria@example.com",
                }
                for index in range(2)
            ]
        )
        with self.assertLogs(LOGGER, logging.INFO):
            response = self._post({"email_from": "Ria@Example.com"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("in korte tijd", response.text)
        self.assertFalse(self._web_complaints("Ria@Example.com"))

    def test_csrf_missing_refused(self):
        with self.assertLogs("odoo.http", logging.WARNING):
            response = self._post(csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._web_complaints("ria.post@example.com"))

    def test_oversize_attachment_refused(self):
        self.company.klachtenbeheer_web_max_upload_mb = 1
        big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1)
        response = self._post(
            files=[("attachments", ("groot.pdf", big, "application/pdf"))]
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("te groot", response.text)
        self.assertIn("groot.pdf", response.text)
        self.assertFalse(self._web_complaints("ria.post@example.com"))

    def test_wrong_file_type_refused(self):
        response = self._post(
            files=[
                ("attachments", ("brief.pdf", b"%PDF-1.4", "application/pdf")),
                ("attachments", ("virus.exe", b"MZ", "application/octet-stream")),
            ]
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("virus.exe", response.text)
        self.assertIn("wordt niet aangenomen", response.text)
        self.assertFalse(self._web_complaints("ria.post@example.com"))
        # Two accepted files together.
        response = self._post(
            files=[
                ("attachments", ("brief.pdf", b"%PDF-1.4", "application/pdf")),
                ("attachments", ("foto.JPG", b"\xff\xd8\xff", "image/jpeg")),
            ]
        )
        self.assertEqual(response.status_code, 303)
        complaint = self._web_complaints("ria.post@example.com")
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(sorted(attachments.mapped("name")), ["brief.pdf", "foto.JPG"])

    def test_settings(self):
        settings = Form(self.env["res.config.settings"])
        settings.klachtenbeheer_web_max_upload_mb = 4
        settings.klachtenbeheer_web_extensions = "pdf, .PNG;odt"
        settings.klachtenbeheer_web_team_id = self.team
        settings.save().execute()
        company = self.env.company
        self.assertEqual(company.klachtenbeheer_web_max_upload_mb, 4)
        self.assertEqual(company.klachtenbeheer_web_team_id, self.team)
        self.assertEqual(
            company._klachtenbeheer_web_extensions(), {"pdf", "png", "odt"}
        )
