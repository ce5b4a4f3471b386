# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import KlachtenbeheerCase


class FairHandlingCase(KlachtenbeheerCase):
    @contextmanager
    def assertRaisesText(self, exception, text):
        """``assertRaises`` (which rolls back to a savepoint, unlike
        ``assertRaisesRegex``) that also checks the message."""
        with self.assertRaises(exception) as error:
            yield error
        self.assertIn(text, str(error.exception))


@tagged("post_install", "-at_install")
class TestImpartialHandler(FairHandlingCase):
    """Nobody handles a complaint about their own conduct (Awb 9:7)."""

    def test_handler_cannot_be_employee_concerned(self):
        complaint = self._create_complaint(
            user=self.handler_a, team_id=self.team_a.id, user_id=self.handler_a.id
        )
        with self.assertRaisesText(ValidationError, "Awb 9:7") as error:
            complaint.with_user(self.handler_a).user_concerned_id = self.handler_a
        self.assertIn("kb_handler_a", str(error.exception))
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_concerned_id=self.handler_b.id,
        )
        with self.assertRaisesText(ValidationError, "own conduct"):
            complaint.with_user(self.handler_a).user_id = self.handler_b
        with self.assertRaisesText(ValidationError, "own conduct"):
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
        with self.assertRaisesText(UserError, "coordinator assigns another"):
            complaint.with_user(self.handler_a).action_assign_manager()
        complaint = self._create_complaint(
            team_id=self.team_b.id, user_concerned_id=self.employee.id
        )
        with self.assertRaisesText(UserError, "has no manager"):
            complaint.with_user(self.handler_b).action_assign_manager()


@tagged("post_install", "-at_install")
class TestHearing(FairHandlingCase):
    """The complainant decides how the complaint is handled (001, Awb 9:10)."""

    def _decide(self, complaint, user):
        complaint.with_user(user).write(
            {"validity": "founded", "answer": "<p>Excuses, wij herstellen het.</p>"}
        )

    def _hearing(self, complaint, user, **vals):
        values = {"complaint_id": complaint.id, "date": "2026-03-02 09:00:00"}
        values.update(vals)
        return self.env["klachtenbeheer.hearing"].with_user(user).create(values)

    def test_hearing_required_before_closing(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_id=self.handler_a.id,
            handling_preference="hearing",
        )
        self._decide(complaint, self.handler_a)
        with self.assertRaisesText(ValidationError, "a held hearing with minutes"):
            complaint.with_user(self.handler_a).stage_id = self.stage_closed
        hearing = self._hearing(complaint, self.handler_a)
        self.assertEqual(hearing.kind, "hearing")
        self.assertEqual(hearing.partner_id, self.partner)
        self.assertEqual(hearing.user_id, self.handler_a)
        # Planned is not held.
        with self.assertRaisesText(ValidationError, "a held hearing"):
            complaint.with_user(self.handler_a).stage_id = self.stage_closed
        with self.assertRaisesText(ValidationError, "needs its minutes"):
            hearing.action_mark_held()
        hearing.minutes = (
            "<p>Klager licht toe; lekkage wordt binnen een week verholpen.</p>"
        )
        hearing.action_mark_held()
        complaint.with_user(self.handler_a).stage_id = self.stage_closed
        self.assertTrue(complaint.is_closed)
        # What the decision relied on cannot disappear afterwards.
        with self.assertRaisesText(ValidationError, "a held hearing"):
            hearing.action_cancel()
        with self.assertRaisesText(ValidationError, "a held hearing"):
            hearing.with_user(self.coordinator).unlink()

    def test_reason_for_not_hearing(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_id=self.handler_a.id,
            handling_preference="hearing",
        )
        self._decide(complaint, self.handler_a)
        complaint.with_user(
            self.handler_a
        ).no_hearing_reason = "Klager ziet af van de hoorzitting."
        complaint.with_user(self.handler_a).stage_id = self.stage_closed
        with self.assertRaisesText(ValidationError, "reason for not hearing"):
            complaint.with_user(self.handler_a).no_hearing_reason = False

    def test_informal_needs_no_hearing(self):
        complaint = self._create_complaint(user=self.handler_a, team_id=self.team_a.id)
        self._decide(complaint, self.handler_a)
        complaint.with_user(self.handler_a).stage_id = self.stage_closed
        # Asking for a hearing afterwards is asking for what did not happen.
        with self.assertRaisesText(ValidationError, "a held hearing"):
            complaint.handling_preference = "hearing"

    def test_three_way_conversation(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            handling_preference="three_way",
        )
        self._decide(complaint, self.handler_a)
        # Without the employee there is nobody to talk with.
        with self.assertRaisesText(ValidationError, "employee the complaint is about"):
            self._hearing(complaint, self.handler_a)
        complaint.with_user(self.handler_a).user_concerned_id = self.employee
        # A hearing is not the three-way conversation asked for.
        self._hearing(
            complaint, self.handler_a, kind="hearing", state="held", minutes="<p>x</p>"
        )
        with self.assertRaisesText(
            ValidationError, "three-way conversation with minutes"
        ):
            complaint.with_user(self.handler_a).stage_id = self.stage_closed
        conversation = self._hearing(complaint, self.handler_a)
        self.assertEqual(conversation.kind, "three_way")
        self.assertEqual(conversation.user_concerned_id, self.employee)
        conversation.write({"minutes": "<p>Excuses aangeboden.</p>", "state": "held"})
        complaint.with_user(self.handler_a).stage_id = self.stage_closed

    def test_about_employee_defaults_to_three_way(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_concerned_id=self.employee.id,
        )
        with Form(
            self.env["klachtenbeheer.hearing"]
            .with_user(self.handler_a)
            .with_context(default_complaint_id=complaint.id)
        ) as form:
            self.assertEqual(form.kind, "three_way")
            self.assertEqual(form.user_concerned_id, self.employee)
            form.date = "2026-03-02 09:00:00"
        self.assertEqual(complaint.hearing_ids.kind, "three_way")

    def test_planning_creates_activity_for_handler(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_id=self.handler_a.id,
            handling_preference="hearing",
        )
        hearing_type = self.env.ref("klachtenbeheer.mail_activity_type_hearing")
        hearing = self._hearing(complaint, self.handler_a, date="2026-03-02 09:00:00")
        activity = complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == hearing_type
        )
        self.assertEqual(activity, hearing.activity_id)
        self.assertEqual(activity.user_id, self.handler_a)
        self.assertEqual(str(activity.date_deadline), "2026-03-02")
        hearing.with_user(self.handler_a).date = "2026-03-05 14:00:00"
        self.assertEqual(str(activity.date_deadline), "2026-03-05")
        hearing.with_user(self.handler_a).user_id = self.manager_a
        self.assertEqual(activity.user_id, self.manager_a)
        hearing.action_cancel()
        self.assertFalse(
            complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == hearing_type
            )
        )

    def test_access_follows_the_complaint(self):
        complaint = self._create_complaint(
            user=self.handler_a, team_id=self.team_a.id, user_id=self.handler_a.id
        )
        hearing = self._hearing(complaint, self.handler_a, kind="hearing")
        Hearing = self.env["klachtenbeheer.hearing"]
        self.assertEqual(Hearing.with_user(self.manager_a).search([]), hearing)
        self.assertFalse(Hearing.with_user(self.handler_b).search([]))
        self.assertFalse(Hearing.with_user(self.employee).search([]))
        with self.assertRaises(AccessError):
            hearing.with_user(self.handler_b).minutes = "<p>x</p>"
        with self.assertRaises(AccessError):
            hearing.with_user(self.handler_a).unlink()
        self.assertIn(hearing, Hearing.with_user(self.coordinator).search([]))
