# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWebSetup(TransactionCase):
    """The web form's default team and its sender, set in the settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Gemeente Web"})
        cls.template = cls.env.ref("klachtenbeheer.mail_template_acknowledgement")

    def test_default_team(self):
        self.assertFalse(self.company._klachtenbeheer_web_default_team())
        Team = self.env["klachtenbeheer.team"]
        first = Team.create(
            {"name": "Eerste", "company_id": self.company.id, "sequence": 1}
        )
        Team.create({"name": "Tweede", "company_id": self.company.id, "sequence": 2})
        self.assertEqual(self.company._klachtenbeheer_web_default_team(), first)
        web = Team.create({"name": "Web", "company_id": self.company.id, "sequence": 3})
        self.company.klachtenbeheer_web_team_id = web
        self.assertEqual(self.company._klachtenbeheer_web_default_team(), web)

    def _acknowledge(self, team):
        complaint = (
            self.env["klachtenbeheer.complaint"]
            .with_company(self.company)
            .create(
                {
                    "subject": "Container niet geleegd",
                    "channel": "web_form",
                    "company_id": self.company.id,
                    "team_id": team.id,
                    "contact_name": "Ria Post",
                    "email_from": "ria.post@example.com",
                }
            )
        )
        complaint.with_user(SUPERUSER_ID).message_post_with_source(
            self.template, subtype_xmlid="mail.mt_comment"
        )
        return complaint.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )[:1]

    def test_web_form_sender(self):
        self.company.klachtenbeheer_web_mailer_email = "klachten@gemeente-web.nl"
        team = self.env["klachtenbeheer.team"].create(
            {"name": "Zonder adres", "company_id": self.company.id}
        )
        message = self._acknowledge(team)
        self.assertIn("klachten@gemeente-web.nl", message.email_from)

    def test_team_address_wins(self):
        self.company.klachtenbeheer_web_mailer_email = "klachten@gemeente-web.nl"
        self.company.alias_domain_id = self.env["mail.alias.domain"].create(
            {"name": "gemeente-web.nl"}
        )
        team = self.env["klachtenbeheer.team"].create(
            {
                "name": "Met adres",
                "company_id": self.company.id,
                "alias_name": "team-web",
                "alias_domain_id": self.company.alias_domain_id.id,
            }
        )
        self.assertTrue(team.alias_email)
        message = self._acknowledge(team)
        self.assertNotIn("klachten@gemeente-web.nl", message.email_from or "")

    def test_checklist_web_team(self):
        settings = (
            self.env["res.config.settings"]
            .with_company(self.company)
            .create({"company_id": self.company.id})
        )
        checks = {c["key"]: c["done"] for c in settings._klachtenbeheer_setup_checks()}
        self.assertFalse(checks["web_team"])
        self.company.klachtenbeheer_web_team_id = self.env[
            "klachtenbeheer.team"
        ].create({"name": "Web", "company_id": self.company.id})
        settings = (
            self.env["res.config.settings"]
            .with_company(self.company)
            .create({"company_id": self.company.id})
        )
        checks = {c["key"]: c["done"] for c in settings._klachtenbeheer_setup_checks()}
        self.assertTrue(checks["web_team"])
