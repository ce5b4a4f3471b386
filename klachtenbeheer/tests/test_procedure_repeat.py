# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import KlachtenbeheerCase, load_dutch


@tagged("post_install", "-at_install")
class TestRepeatComplaints(KlachtenbeheerCase):
    """WMD-klachtenbeleid §2.6: the reason of a repeat complaint drives its handling."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_answered = cls.env.ref("klachtenbeheer.stage_answered")
        cls.stage_aftercare = cls.env.ref("klachtenbeheer.stage_aftercare")
        cls.lawyer = cls.env["res.partner"].create({"name": "mr. J. de Wit"})
        cls.original = cls._create_complaint(
            subject="Schimmel in de badkamer",
            team_id=cls.team_a.id,
            category_id=cls.category_repair.id,
            date_received=fields.Datetime.now() - timedelta(days=60),
        )

    def _repeat(self, reason=False, **vals):
        values = {
            "subject": "Weer schimmel",
            "team_id": self.team_a.id,
            "user_id": self.handler_a.id,
            "repeat_of_ids": [Command.set(vals.pop("of", self.original).ids)],
            "repeat_reason": reason,
        }
        values.update(vals)
        return self._create_complaint(**values)

    def _decide(self, complaint):
        complaint.write({"validity": "unfounded"})

    # -- candidates -------------------------------------------------------

    def test_candidates_same_complainant_or_address(self):
        neighbour = self.env["res.partner"].create(
            {"name": "Buurvrouw", "street": "Dorpsstraat 12", "zip": "2636AB"}
        )
        same_address = self._create_complaint(
            partner_id=neighbour.id,
            category_id=self.category_repair.id,
            date_received=fields.Datetime.now() - timedelta(days=10),
        )
        other_category = self._create_complaint(
            partner_id=neighbour.id,
            category_id=self.env.ref("klachtenbeheer.category_treatment").id,
        )
        too_old = self._create_complaint(
            date_received=fields.Datetime.now() - timedelta(days=400)
        )
        new = self._create_complaint(
            subject="Nog steeds schimmel", category_id=self.category_repair.id
        )
        candidates = new.with_user(self.coordinator).repeat_candidate_ids
        self.assertIn(self.original, candidates)
        self.assertIn(same_address, candidates, "same street, zip and category")
        self.assertNotIn(other_category, candidates)
        self.assertNotIn(too_old, candidates, "more than twelve months ago")
        self.assertNotIn(new, candidates)
        # Linking from the suggestion.
        self.original.with_user(self.coordinator).action_link_as_repeat_of(new)
        self.assertEqual(new.repeat_of_ids, self.original)
        self.assertTrue(new.is_repeat)
        self.assertNotIn(self.original, new.repeat_candidate_ids)
        self.assertIn(new, self.original.repeated_by_ids)

    def test_no_cycle(self):
        repeat = self._repeat("new_facts")
        with (
            self.assertRaisesRegex(ValidationError, "cannot repeat itself"),
            self.env.cr.savepoint(),
        ):
            self.original.repeat_of_ids = repeat

    # -- reasons ----------------------------------------------------------

    def test_new_facts_normal_handling(self):
        repeat = self._repeat("new_facts")
        self.assertTrue(repeat.is_repeat)
        self.assertFalse(repeat.last_reply)
        self.assertFalse(repeat.answer)
        repeat.write({"validity": "founded", "answer": "<p>Wij herstellen het.</p>"})
        repeat.stage_id = self.stage_closed
        self.assertTrue(repeat.is_closed)

    def test_no_new_facts_then_last_reply(self):
        first = self._repeat("no_new_facts")
        self.assertFalse(first.last_reply)
        self.assertIn("stand by our earlier decision", first.answer)
        self.assertIn("Schimmel in de badkamer", first.answer)
        second = self._repeat("no_new_facts", of=first)
        self.assertTrue(second.last_reply)
        self.assertIn("last time we respond", second.answer)
        # Also when the next repeat links only to the original complaint.
        third = self._repeat("no_new_facts")
        self.assertTrue(third.last_reply)
        # New facts are never a last reply.
        fourth = self._repeat("new_facts", of=second)
        self.assertFalse(fourth.last_reply)

    def test_template_in_dutch(self):
        load_dutch(self.env)
        self.partner.lang = "nl_NL"
        first = self._repeat("no_new_facts")
        self.assertIn("Wij blijven daarom bij ons eerdere besluit", first.answer)

    def test_lawyer_needs_legal_advice(self):
        repeat = self._repeat("lawyer")
        activity = repeat.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("klachtenbeheer.mail_activity_type_legal_review")
            )
        )
        self.assertEqual(activity.user_id, self.handler_a)
        repeat = repeat.with_user(self.handler_a)
        repeat.write({"answer": "<p>Antwoord</p>", "validity": "unfounded"})
        with (
            self.assertRaisesRegex(ValidationError, "cannot go yet.*Legal Advice"),
            self.env.cr.savepoint(),
        ):
            repeat.stage_id = self.stage_answered
        with (
            self.assertRaisesRegex(ValidationError, "Please fill in: Legal Advice"),
            self.env.cr.savepoint(),
        ):
            repeat.stage_id = self.stage_closed
        # The handler cannot record the advice; the jurist can, in the form.
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            repeat.legal_advice = "<p>Zelf bedacht advies.</p>"
        self.assertFalse(repeat.can_record_legal_advice)
        self.team_a.jurist_id = self.jurist
        form = Form(repeat.with_user(self.jurist))
        form.legal_advisor_id = self.lawyer
        form.legal_advice = "<p>Geen aansprakelijkheid erkennen.</p>"
        form.save()
        self.assertEqual(repeat.legal_advice_date, fields.Date.today())
        self.assertEqual(repeat.legal_advisor_id, self.lawyer)
        self.assertIn(
            "Legal advice recorded by",
            " ".join(repeat.sudo().message_ids.mapped("body")),
        )
        self.assertFalse(
            repeat.sudo().activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("klachtenbeheer.mail_activity_type_legal_review")
                )
            )
        )
        repeat.stage_id = self.stage_answered
        self.assertTrue(repeat.date_answered)
        repeat.stage_id = self.stage_closed
        self.assertTrue(repeat.is_closed)

    def test_employee_again_manager_assigns_and_approves(self):
        repeat = self._repeat(
            "employee_again", user_concerned_id=self.other_employee.id
        )
        approval = repeat.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("klachtenbeheer.mail_activity_type_answer_approval")
            )
        )
        self.assertEqual(approval.user_id, self.manager_a)
        # Only the team manager (or a coordinator) assigns the handler.
        with (
            self.assertRaisesRegex(UserError, "only the team manager assigns"),
            self.env.cr.savepoint(),
        ):
            repeat.with_user(self.handler_a).user_id = self.handler_b
        repeat.with_user(self.manager_a).user_id = self.handler_b
        repeat.with_user(self.coordinator).user_id = self.handler_a
        self.assertEqual(repeat.user_id, self.handler_a)
        # A handler creating such a repeat with a handler already assigned.
        with (
            self.assertRaisesRegex(UserError, "only the team manager assigns"),
            self.env.cr.savepoint(),
        ):
            self._repeat(
                "employee_again", user=self.handler_a, user_id=self.handler_a.id
            )

        handler_view = repeat.with_user(self.handler_a)
        handler_view.write({"answer": "<p>Excuses.</p>", "validity": "founded"})
        with (
            self.assertRaisesRegex(ValidationError, "Answer Approved By"),
            self.env.cr.savepoint(),
        ):
            handler_view.stage_id = self.stage_answered
        with (
            self.assertRaisesRegex(ValidationError, "Answer Approved By"),
            self.env.cr.savepoint(),
        ):
            handler_view.stage_id = self.stage_closed
        self.assertFalse(handler_view.can_approve_answer)
        with self.assertRaisesRegex(AccessError, "Only the manager"):
            handler_view.action_approve_answer()
        manager_view = repeat.with_user(self.manager_a)
        self.assertTrue(manager_view.can_approve_answer)
        manager_view.action_approve_answer()
        self.assertEqual(repeat.answer_approved_by_id, self.manager_a)
        self.assertTrue(repeat.answer_approved_date)
        self.assertFalse(repeat.activity_ids.filtered(lambda a: a.id == approval.id))
        # A changed answer needs a new approval.
        handler_view.answer = "<p>Excuses, en een bos bloemen.</p>"
        self.assertFalse(repeat.answer_approved_by_id)
        with (
            self.assertRaisesRegex(ValidationError, "Answer Approved By"),
            self.env.cr.savepoint(),
        ):
            handler_view.stage_id = self.stage_aftercare
        manager_view.action_approve_answer()
        handler_view.stage_id = self.stage_answered
        handler_view.stage_id = self.stage_closed
        self.assertTrue(repeat.is_closed)

    def test_approve_needs_answer(self):
        repeat = self._repeat("employee_again")
        with (
            self.assertRaisesRegex(UserError, "before approving"),
            self.env.cr.savepoint(),
        ):
            repeat.with_user(self.manager_a).action_approve_answer()

    def test_employee_count_for_coordinators_only(self):
        self._repeat("employee_again", user_concerned_id=self.handler_b.id)
        self._repeat("employee_again", user_concerned_id=self.handler_b.id)
        self._repeat("no_new_facts", user_concerned_id=self.handler_b.id)
        counts = dict(
            self.Complaint.with_user(self.coordinator)._read_group(
                [("user_concerned_id", "=", self.handler_b.id)],
                groupby=["user_concerned_id"],
                aggregates=["employee_repeat_count:sum"],
            )
        )
        self.assertEqual(counts[self.handler_b], 2)
        for user in (self.handler_a, self.manager_a, self.employee):
            with self.assertRaises(AccessError):
                self.Complaint.with_user(user)._read_group(
                    [],
                    groupby=["user_concerned_id"],
                    aggregates=["employee_repeat_count:sum"],
                )
            self.assertNotIn(
                "employee_repeat_count",
                self.Complaint.with_user(user).fields_get(["employee_repeat_count"]),
            )
        action = self.env.ref(
            "klachtenbeheer.klachtenbeheer_complaint_action_employee_repeat"
        )
        self.assertEqual(
            action.groups_id,
            self.env.ref("klachtenbeheer.group_klachtenbeheer_coordinator"),
        )

    def test_team_manager_sees_repeats_of_own_team(self):
        """WMD-klachtenbeleid §2.6: the frequency weighs in the appraisal:
        the team manager sees it for the employees of their own team."""
        self._repeat("employee_again", user_concerned_id=self.handler_b.id)
        self._repeat("employee_again", user_concerned_id=self.handler_b.id)
        self._repeat(
            "employee_again",
            user_concerned_id=self.handler_b.id,
            team_id=self.team_b.id,
        )
        self._repeat("no_new_facts", user_concerned_id=self.handler_b.id)
        Report = self.env["klachtenbeheer.employee.repeat.report"]
        Report.env.flush_all()

        def counts(user):
            return dict(
                Report.with_user(user)._read_group(
                    [], groupby=["user_concerned_id"], aggregates=["repeat_count:sum"]
                )
            )

        self.assertEqual(counts(self.manager_a), {self.handler_b: 2})
        self.assertEqual(counts(self.coordinator)[self.handler_b], 3)
        # A handler who manages no team sees none; the employee no report.
        self.assertNotIn(self.handler_b, counts(self.handler_a))
        with self.assertRaises(AccessError):
            counts(self.employee)
        # Nobody sees their own count.
        self.team_b.user_id = self.handler_b
        self.assertNotIn(self.handler_b, counts(self.handler_b))
