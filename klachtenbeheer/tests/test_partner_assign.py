# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestPartnerStatusAndAssign(KlachtenbeheerCase):
    """Every employee sees a contact's complaint status, not its content, and
    not the complaints they may not know of."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "Truus de Wit"})
        cls.visible = cls.Complaint.create(
            {
                "subject": "Geheim onderwerp",
                "partner_id": cls.partner.id,
                "team_id": cls.team_b.id,
                "user_id": cls.handler_b.id,
            }
        )
        cls.about_employee = cls.Complaint.create(
            {
                "subject": "Over de medewerker",
                "partner_id": cls.partner.id,
                "team_id": cls.team_b.id,
                "user_concerned_id": cls.employee.id,
            }
        )
        cls.criminal = cls.Complaint.create(
            {"subject": "Strafbaar", "partner_id": cls.partner.id}
        )
        cls.criminal.sudo().write({"criminal_suspicion": True})

    def test_plain_employee_sees_status_not_content(self):
        partner = self.partner.with_user(self.other_employee)
        self.assertEqual(partner.klachtenbeheer_status_count, 2)
        status = partner.klachtenbeheer_status
        self.assertIn(self.visible.name, status)
        self.assertIn(self.handler_b.name, status)
        self.assertNotIn("Geheim onderwerp", status)
        self.assertNotIn(self.criminal.name, status)

    def test_employee_concerned_does_not_see_it(self):
        partner = self.partner.with_user(self.employee)
        self.assertEqual(partner.klachtenbeheer_status_count, 1)
        self.assertNotIn(self.about_employee.name, partner.klachtenbeheer_status)

    def test_coordinator_sees_all(self):
        self.assertEqual(
            self.partner.with_user(self.coordinator).klachtenbeheer_status_count, 3
        )

    def test_is_complainant_search(self):
        found = (
            self.env["res.partner"]
            .with_user(self.other_employee)
            .search([("klachtenbeheer_is_complainant", "=", True)])
        )
        self.assertIn(self.partner, found)
        self.assertNotIn(self.other_employee.partner_id, found)

    def test_portal_cannot_read(self):
        with self.assertRaises(AccessError):
            self.partner.with_user(self.portal_user).read(["klachtenbeheer_status"])

    def test_employee_without_user(self):
        worker = self.env["res.partner"].create({"name": "Veldwerker Piet"})
        complaint = self.Complaint.create(
            {
                "subject": "Monteur te laat",
                "partner_id": self.partner.id,
                "employee_concerned_partner_id": worker.id,
            }
        )
        self.assertFalse(complaint.user_concerned_id)
        self.assertEqual(complaint._employee_concerned_partners(), worker)
        # The contact of a user is that user: Awb 9:7 holds.
        complaint.write({"employee_concerned_partner_id": self.employee.partner_id.id})
        self.assertEqual(complaint.user_concerned_id, self.employee)

    def test_assign_many_at_once(self):
        complaints = self.Complaint.create(
            [{"subject": f"K{i}", "partner_id": self.partner.id} for i in range(45)]
        )
        wizard = (
            self.env["klachtenbeheer.assign.wizard"]
            .with_user(self.coordinator)
            .with_context(
                active_model="klachtenbeheer.complaint", active_ids=complaints.ids
            )
            .create({"team_id": self.team_a.id, "user_id": self.handler_a.id})
        )
        wizard.action_assign()
        self.assertEqual(set(complaints.mapped("team_id")), {self.team_a})
        self.assertEqual(set(complaints.mapped("user_id")), {self.handler_a})

    def test_assign_refused_outside_own_teams(self):
        wizard = (
            self.env["klachtenbeheer.assign.wizard"]
            .with_user(self.handler_a)
            .create(
                {
                    "complaint_ids": [(6, 0, self.visible.ids)],
                    "user_id": self.handler_a.id,
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_assign()
