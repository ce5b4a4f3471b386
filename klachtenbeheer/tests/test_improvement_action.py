# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import KlachtenbeheerCase, load_dutch


@tagged("post_install", "-at_install")
class TestImprovementAction(KlachtenbeheerCase):
    """Improvement actions: made from complaints, done after a check date,
    visible to all, edited by their teams, managed by coordinators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Action = cls.env["klachtenbeheer.improvement.action"]
        cls.complaint_a = cls._create_complaint(
            team_id=cls.team_a.id,
            subject="Niet teruggebeld",
            causes="Terugbelverzoek alleen in notities",
        )
        cls.complaint_b = cls._create_complaint(team_id=cls.team_b.id)
        cls.action_a = cls.Action.create(
            {"name": "Terugbellen vastleggen", "team_id": cls.team_a.id}
        )
        cls.action_b = cls.Action.create(
            {
                "name": "Aannemers instrueren",
                "team_id": cls.team_b.id,
                "user_id": cls.handler_b.id,
            }
        )

    def test_create_from_complaint(self):
        complaint = self.complaint_a.with_user(self.handler_a)
        action = complaint.action_create_improvement_action()
        self.assertEqual(action["res_model"], "klachtenbeheer.improvement.action")
        form = Form(
            self.env["klachtenbeheer.improvement.action"]
            .with_user(self.handler_a)
            .with_context(**action["context"])
        )
        self.assertEqual(form.name, "Niet teruggebeld")
        self.assertEqual(form.team_id, self.team_a)
        self.assertEqual(form.root_cause, "Terugbelverzoek alleen in notities")
        form.date_planned = fields.Date.today() + timedelta(days=30)
        form.hours_planned = 8
        improvement = form.save()
        self.assertEqual(improvement.complaint_ids, self.complaint_a)
        self.assertEqual(improvement.user_id, self.handler_a)
        self.assertEqual(improvement.state, "planned")
        self.assertEqual(complaint.improvement_action_count, 1)
        smart = complaint.action_view_improvement_actions()
        self.assertEqual(
            self.Action.search(smart["domain"]), improvement, "smart button lists it"
        )

    def test_create_from_selection(self):
        """The list action on complaints: one action for several complaints."""
        complaints = self.complaint_a | self.complaint_b
        server_action = self.env.ref(
            "klachtenbeheer.klachtenbeheer_complaint_action_server_improvement"
        )
        result = server_action.with_context(
            active_model=complaints._name,
            active_ids=complaints.ids,
            active_id=complaints[0].id,
        ).run()
        context = result["context"]
        self.assertEqual(
            sorted(context["default_complaint_ids"]), sorted(complaints.ids)
        )
        self.assertFalse(context["default_team_id"], "two teams: no default team")
        self.assertFalse(context["default_name"])

    def test_done_needs_effectiveness_date(self):
        action = self.action_a
        action.action_start()
        self.assertEqual(action.state, "in_progress")
        with self.assertRaises(ValidationError):
            action.action_done()
        check = fields.Date.today() + timedelta(days=90)
        action.effectiveness_date = check
        action.action_done()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.date_done, fields.Date.context_today(action))
        activity = action.activity_ids
        self.assertEqual(len(activity), 1, "the effectiveness check is scheduled")
        self.assertEqual(activity.date_deadline, check)
        self.assertEqual(activity.user_id, action.user_id)
        with self.assertRaises(ValidationError):
            action.effectiveness_date = False
        action.action_reset()
        self.assertEqual(action.state, "planned")
        self.assertFalse(action.date_done)

    def test_negative_hours(self):
        with self.assertRaises(ValidationError):
            self.action_a.hours_planned = -1

    def test_tracking_and_chatter(self):
        action = self.action_a.with_context(tracking_disable=False, mail_notrack=False)
        self._flush_tracking()
        action.action_start()
        self._flush_tracking()
        tracked = action.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertTrue(tracked, "the status change is tracked on the chatter")

    def test_employee_reads_only(self):
        Action = self.Action.with_user(self.employee)
        self.assertEqual(
            Action.search([("id", "in", (self.action_a | self.action_b).ids)]),
            self.action_a | self.action_b,
        )
        with self.assertRaises(AccessError):
            Action.create({"name": "Zelf bedacht"})
        with self.assertRaises(AccessError):
            self.action_a.with_user(self.employee).name = "Anders"

    def test_handler_edits_own_team(self):
        Action = self.Action.with_user(self.handler_a)
        mine = Action.create({"name": "Nieuwe actie", "team_id": self.team_a.id})
        self.action_a.with_user(self.handler_a).hours_spent = 3
        self.assertEqual(self.action_a.hours_spent, 3)
        # Team B's action: readable, not editable.
        self.assertTrue(self.action_b.with_user(self.handler_a).name)
        with self.assertRaises(AccessError):
            self.action_b.with_user(self.handler_a).hours_spent = 3
        with self.assertRaises(AccessError):
            Action.create(
                {
                    "name": "Voor B",
                    "team_id": self.team_b.id,
                    "user_id": self.handler_b.id,
                }
            )
        with self.assertRaises(AccessError):
            mine.unlink()
        # The owner may update an action of another team.
        self.action_b.with_user(self.handler_b).action_start()
        self.assertEqual(self.action_b.state, "in_progress")

    def test_coordinator_manages_all(self):
        for action in (self.action_a | self.action_b).with_user(self.coordinator):
            action.hours_planned = 10
        (self.action_a | self.action_b).with_user(self.coordinator).unlink()
        self.assertFalse((self.action_a | self.action_b).exists())

    def test_other_company(self):
        Action = self.Action.with_user(self.coordinator_2)
        self.assertFalse(Action.search([("id", "=", self.action_a.id)]))
        with self.assertRaises(AccessError):
            self.action_a.with_user(self.coordinator_2).read(["name"])

    def test_mt_agenda_lists_open_actions(self):
        self.action_b.write({"state": "cancelled"})
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_improvement_action_action_mt"
        )
        found = self.Action.with_user(self.coordinator).search(
            safe_eval(action["domain"])
        )
        self.assertIn(self.action_a, found)
        self.assertNotIn(self.action_b, found)

    def test_error_in_dutch(self):
        load_dutch(self.env)
        action = self.action_a.with_context(lang="nl_NL")
        with self.assertRaisesRegex(ValidationError, "effectiviteitscontrole"):
            action.action_done()
