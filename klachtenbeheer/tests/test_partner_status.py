# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every employee sees on a contact who handles its complaints and how far
they are (Gids klachtenmanagement: "in 1 oogopslag wie de klachtbehandelaar
is en wat de status van een klacht is"), without their content and without
the complaints the employee may not know of; the employee a complaint is
about may be someone without a user account."""

import json

from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import KlachtenbeheerCase


class PartnerStatusData:
    @classmethod
    def _make_complaints(cls):
        cls.handled = cls._create_complaint(
            subject="Geheime inhoud: lekkage",
            team_id=cls.team_b.id,
            user_id=cls.handler_b.id,
        )
        cls.unassigned = cls._create_complaint(subject="Geheime inhoud: geluid")
        cls.about_employee = cls._create_complaint(
            subject="Over de medewerker", user_concerned_id=cls.employee.id
        )
        cls.criminal = cls._create_complaint(subject="Fraude")
        cls.criminal.sudo()._flag_criminal_suspicion("Vermoeden van fraude")


@tagged("post_install", "-at_install")
class TestPartnerStatus(PartnerStatusData, KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_complaints()

    def test_plain_employee_sees_status_not_content(self):
        partner = self.partner.with_user(self.other_employee)
        self.assertEqual(partner.klachtenbeheer_status_count, 3)
        status = partner.klachtenbeheer_status
        self.assertIn(self.handled.name, status)
        self.assertIn(self.handler_b.name, status)
        self.assertIn(self.handled.stage_id.name, status)
        self.assertIn("Complaint coordinator", status)
        self.assertNotIn("Geheime inhoud", status)
        # Before the board: not even its existence.
        self.assertNotIn(self.criminal.name, status)
        # The complaint itself stays closed to them.
        with self.assertRaises(AccessError):
            self.handled.with_user(self.other_employee).read(["subject"])

    def test_not_about_themselves(self):
        status = self.partner.with_user(self.employee).klachtenbeheer_status
        self.assertNotIn(self.about_employee.name, status)
        self.assertEqual(
            self.partner.with_user(self.employee).klachtenbeheer_status_count, 2
        )

    def test_board_and_coordinator_see_all(self):
        partner = self.partner.with_user(self.coordinator)
        self.assertEqual(partner.klachtenbeheer_status_count, 4)
        self.assertIn(self.criminal.name, partner.klachtenbeheer_status)

    def test_portal_cannot_read_the_status(self):
        with self.assertRaises(AccessError):
            self.portal_user.partner_id.with_user(self.portal_user).read(
                ["klachtenbeheer_status"]
            )

    def test_complainants_menu_finds_them(self):
        Partner = self.env["res.partner"].with_user(self.handler_a)
        found = Partner.search([("klachtenbeheer_is_complainant", "=", True)])
        self.assertIn(self.partner, found)
        self.assertNotIn(self.handler_a.partner_id, found)
        action = self.env.ref("klachtenbeheer.res_partner_action_complainant")
        self.assertIn(self.partner, Partner.search(safe_eval(action.domain)))


@tagged("post_install", "-at_install")
class TestEmployeeWithoutUser(KlachtenbeheerCase):
    def test_field_staff_named_and_kept_out(self):
        mechanic = self.env["res.partner"].create(
            {"name": "Monteur Jansen", "email": "jansen@aannemer.example"}
        )
        form = Form(self.Complaint.with_user(self.coordinator))
        form.subject = "Monteur was onbeleefd"
        form.partner_id = self.partner
        form.channel = "phone"
        form.employee_concerned_partner_id = mechanic
        complaint = form.save()
        self.assertEqual(complaint.employee_concerned_partner_id, mechanic)
        self.assertFalse(complaint.user_concerned_id)
        complaint.message_subscribe(partner_ids=mechanic.ids)
        complaint.write({"employee_concerned_partner_id": mechanic.id})
        self.assertNotIn(mechanic, complaint.message_partner_ids)

    def test_contact_of_a_user_is_that_user(self):
        complaint = self._create_complaint(
            employee_concerned_partner_id=self.handler_b.partner_id.id
        )
        self.assertEqual(complaint.user_concerned_id, self.handler_b)
        # Awb 9:7: then the record rules keep them out, as for any employee
        # concerned.
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler_b).read(["subject"])


@tagged("post_install", "-at_install")
class TestPartnerStatusJsonRpc(PartnerStatusData, HttpCase, KlachtenbeheerCase):
    """The same status over JSON-RPC, as the web client reads the contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_complaints()
        cls.other_employee.password = "kb_other_employee_pw"

    def test_status_over_json_rpc(self):
        self.authenticate(self.other_employee.login, "kb_other_employee_pw")
        response = self.url_open(
            "/web/dataset/call_kw/res.partner/web_read",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "res.partner",
                        "method": "web_read",
                        "args": [self.partner.ids],
                        "kwargs": {
                            "specification": {
                                "klachtenbeheer_status": {},
                                "klachtenbeheer_status_count": {},
                            }
                        },
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        record = response.json()["result"][0]
        self.assertEqual(record["klachtenbeheer_status_count"], 3)
        self.assertIn(self.handled.name, record["klachtenbeheer_status"])
        self.assertNotIn(self.criminal.name, record["klachtenbeheer_status"])
        self.assertNotIn("Geheime inhoud", record["klachtenbeheer_status"])
