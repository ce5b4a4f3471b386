# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestImpartialHandler(KlachtenbeheerCase):
    """Nobody handles a complaint about their own conduct (Awb 9:7)."""

    def test_handler_cannot_be_employee_concerned(self):
        complaint = self._create_complaint(
            user=self.handler_a, team_id=self.team_a.id, user_id=self.handler_a.id
        )
        with self.assertRaisesRegex(ValidationError, "Awb 9:7") as error:
            complaint.with_user(self.handler_a).user_concerned_id = self.handler_a
        self.assertIn("kb_handler_a", str(error.exception))
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_concerned_id=self.handler_b.id,
        )
        with self.assertRaisesRegex(ValidationError, "own conduct"):
            complaint.with_user(self.handler_a).user_id = self.handler_b
        with self.assertRaisesRegex(ValidationError, "own conduct"):
            self._create_complaint(
                user=self.employee,
                user_id=self.other_employee.id,
                user_concerned_id=self.other_employee.id,
            )

    def test_automatic_handler_replaced_by_manager(self):
        # A default handler (e.g. "assign to me" from a menu) that is the
        # employee concerned is never kept: the team manager takes over.
        Complaint = self.env["klachtenbeheer.complaint"].with_context(
            default_user_id=self.handler_a.id
        )
        complaint = Complaint.with_user(self.handler_a).create(
            {
                "subject": "Onvriendelijk te woord gestaan",
                "partner_id": self.partner.id,
                "team_id": self.team_a.id,
                "user_concerned_id": self.handler_a.id,
            }
        )
        self.assertEqual(complaint.user_id, self.manager_a)
        # Without a manager nobody is assigned: a coordinator chooses.
        complaint = Complaint.create(
            {
                "subject": "Onvriendelijk",
                "partner_id": self.partner.id,
                "team_id": self.team_b.id,
                "user_concerned_id": self.handler_a.id,
            }
        )
        self.assertFalse(complaint.user_id)
        # Not concerned: the default stays.
        complaint = Complaint.create(
            {"subject": "Te laat", "partner_id": self.partner.id}
        )
        self.assertEqual(complaint.user_id, self.handler_a)

    def test_form_reassigns_to_manager(self):
        complaint = self._create_complaint(
            user=self.handler_a, team_id=self.team_a.id, user_id=self.handler_a.id
        )
        with (
            Form(complaint.with_user(self.handler_a)) as form,
            self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs,
        ):
            form.user_concerned_id = self.handler_a
            self.assertEqual(form.user_id, self.manager_a)
        self.assertIn("It is now assigned to kb_manager_a", logs.output[0])
        self.assertEqual(complaint.user_id, self.manager_a)
        self.assertEqual(complaint.user_concerned_id, self.handler_a)

    def test_assign_to_manager_button(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_id=self.handler_a.id,
            user_concerned_id=self.employee.id,
        )
        self.assertTrue(complaint.can_assign_manager)
        complaint.with_user(self.handler_a).action_assign_manager()
        self.assertEqual(complaint.user_id, self.manager_a)
        self.assertFalse(complaint.can_assign_manager)
        # The manager is the one complained about: refused, with the reason.
        complaint = self._create_complaint(
            team_id=self.team_a.id, user_concerned_id=self.manager_a.id
        )
        self.assertFalse(complaint.can_assign_manager)
        with self.assertRaisesRegex(UserError, "coordinator assigns another"):
            complaint.with_user(self.handler_a).action_assign_manager()
        complaint = self._create_complaint(
            team_id=self.team_b.id, user_concerned_id=self.employee.id
        )
        with self.assertRaisesRegex(UserError, "has no manager"):
            complaint.with_user(self.handler_b).action_assign_manager()
