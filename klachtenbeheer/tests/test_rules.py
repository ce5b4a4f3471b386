# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rules that hold for every way in: the ORM as each role, the form, the
chatter, the mail composer, an import and JSON-RPC."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import DutchCase, KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestGuardedFields(DutchCase, KlachtenbeheerCase):
    """Fields that record a decision or a met term are set by their action
    only; a direct write, by any role, raises AccessError."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._create_complaint(
            team_id=cls.team_a.id, user_id=cls.handler_a.id
        )
        cls.roles = {
            "employee": cls.other_employee,
            "handler": cls.handler_a,
            "manager": cls.manager_a,
            "coordinator": cls.coordinator,
        }
        cls.complaint.registered_by_id = cls.other_employee

    def test_direct_writes_refused_for_every_role(self):
        now = fields.Datetime.now()
        for fname, value in (
            ("date_answered", now),
            ("date_acknowledged", now),
            ("date_contacted", now),
            ("paused_since", now),
            ("pause_days", 3),
            ("answer_approved_by_id", self.manager_a.id),
            ("answer_approved_date", now),
            ("criminal_suspicion", True),
            ("date_decision_sent", now),
            ("term_escalated_on", now.date()),
        ):
            for role, user in self.roles.items():
                with (
                    self.subTest(field=fname, role=role),
                    self.assertRaises(AccessError) as caught,
                ):
                    self.complaint.with_user(user).with_context(lang="nl_NL").write(
                        {fname: value}
                    )
                self.assertIn("actie", str(caught.exception))
        self.assertFalse(self.complaint.date_answered)
        self.assertFalse(self.complaint.criminal_suspicion)

    def test_create_and_import_refused(self):
        with self.assertRaises(AccessError):
            self._create_complaint(
                user=self.handler_a, team_id=self.team_a.id, date_answered="2026-11-01"
            )
        result = self.Complaint.with_user(self.coordinator).load(
            ["subject", "partner_id/.id", "channel", "date_answered"],
            [["Geïmporteerd", str(self.partner.id), "phone", "2026-11-01 10:00:00"]],
        )
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
        self.assertFalse(self.Complaint.search([("subject", "=", "Geïmporteerd")]))

    def test_actions_set_them(self):
        handler_view = self.complaint.with_user(self.handler_a)
        handler_view.action_record_contact()
        self.assertTrue(self.complaint.date_contacted)
        handler_view.action_pause_terms()
        self.assertTrue(self.complaint.paused_since)
        handler_view.action_resume_terms()
        self.assertFalse(self.complaint.paused_since)

    def test_form_shows_the_met_dates_readonly(self):
        form = Form(self.complaint.with_user(self.handler_a))
        with self.assertRaises(AssertionError):
            form.date_answered = fields.Datetime.now()

    def test_criminal_flag_only_through_the_board_action(self):
        self.env.ref(
            "klachtenbeheer.group_klachtenbeheer_board"
        ).users = self.coordinator
        self.complaint.with_user(self.handler_a)._flag_criminal_suspicion(
            "Bedreiging met geweld"
        )
        self.assertTrue(self.complaint.criminal_suspicion)
        self.assertEqual(self.complaint.criminal_suspicion_user_id, self.handler_a)
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.coordinator).write(
                {"criminal_suspicion": False}
            )
        with self.assertRaises(AccessError):
            self.complaint.with_user(
                self.other_employee
            ).action_lift_criminal_suspicion("Aangifte bleek ongegrond")
        self.complaint.with_user(self.coordinator).action_lift_criminal_suspicion(
            "Aangifte bleek ongegrond"
        )
        self.assertFalse(self.complaint.criminal_suspicion)
        self.assertIn(
            "returned the complaint",
            " ".join(self.complaint.message_ids.mapped("body")),
        )


@tagged("post_install", "-at_install")
class TestAnswerGates(KlachtenbeheerCase):
    """WMD-klachtenbeleid §2.6: the manager's approval and the legal advice
    come before the answer, on every way the answer can go out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner.email = "f.yilmaz@example.com"
        cls.original = cls._create_complaint(
            subject="Monteur kwam niet", team_id=cls.team_a.id
        )
        cls.repeat = cls._create_complaint(
            subject="Weer niet gekomen",
            team_id=cls.team_a.id,
            repeat_of_ids=[Command.set(cls.original.ids)],
            repeat_reason="employee_again",
            user_concerned_id=cls.other_employee.id,
        )
        cls.repeat.with_user(cls.manager_a).user_id = cls.handler_a
        cls.repeat.with_user(cls.handler_a).write(
            {"answer": "<p>Excuses.</p>", "validity": "founded"}
        )

    def test_chatter_message_waits_for_approval(self):
        handler_view = self.repeat.with_user(self.handler_a)
        with self.assertRaisesRegex(UserError, "Answer Approved By"):
            handler_view.message_post(
                body="Ons antwoord: excuses.",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.partner.ids,
            )
        # An internal note goes.
        handler_view.message_post(
            body="Overleg met teamleider", subtype_xmlid="mail.mt_note"
        )
        self.repeat.with_user(self.manager_a).action_approve_answer()
        handler_view.message_post(
            body="Ons antwoord: excuses.",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.partner.ids,
        )

    def test_mail_composer_waits_for_approval(self):
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.handler_a)
            .with_context(
                default_model=self.repeat._name,
                default_res_ids=self.repeat.ids,
                default_composition_mode="comment",
            )
        )
        composer.body = "<p>Ons antwoord</p>"
        wizard = composer.save()
        with self.assertRaisesRegex(UserError, "Answer Approved By"):
            wizard.action_send_mail()

    def test_clearing_the_reason_is_the_managers(self):
        with self.assertRaises(AccessError):
            self.repeat.with_user(self.handler_a).repeat_reason = "new_facts"
        self.assertEqual(self.repeat.repeat_reason, "employee_again")
        self.repeat.with_user(self.manager_a).repeat_reason = "new_facts"
        self.assertEqual(self.repeat.repeat_reason, "new_facts")


@tagged("post_install", "-at_install")
class TestHonestTerms(KlachtenbeheerCase):
    """Awb 9:11(2): an extension is decided within the term; its rules are
    the model's, whoever records it."""

    def test_extension_after_the_term_refused(self):
        complaint = self._create_complaint(
            team_id=self.team_a.id,
            date_received=fields.Datetime.now() - timedelta(days=200),
        )
        self.assertLess(complaint.date_answer_due, fields.Date.today())
        Extension = self.env["klachtenbeheer.complaint.extension"].with_user(
            self.handler_a
        )
        with self.assertRaisesRegex(ValidationError, "within the term"):
            Extension.create(
                {"complaint_id": complaint.id, "weeks": 4, "reason": "Drukte"}
            )
        self.assertFalse(complaint.extension_ids)
        self.assertEqual(complaint.deadline_state, "overdue")

    def test_direct_create_follows_the_rules_and_sends_the_notice(self):
        with freeze_time("2026-11-18 10:00:00"):
            complaint = self._create_complaint(
                team_id=self.team_a.id, date_received="2026-11-16 10:00:00"
            )
            before = complaint.date_answer_due
            Extension = self.env["klachtenbeheer.complaint.extension"].with_user(
                self.handler_a
            )
            with self.assertRaises(ValidationError):
                Extension.create(
                    {"complaint_id": complaint.id, "weeks": 52, "reason": "Lang"}
                )
            extension = Extension.create(
                {"complaint_id": complaint.id, "weeks": 2, "reason": "Onderzoek"}
            )
            self.assertGreater(complaint.date_answer_due, before)
            self.assertEqual(extension.date_due_before, before)
            self.assertEqual(extension.date_due_after, complaint.date_answer_due)
            notice = complaint.message_ids.filtered(
                lambda m: self.partner in m.partner_ids
            )
            self.assertTrue(notice)
            with self.assertRaisesRegex(ValidationError, "consent"):
                Extension.create(
                    {"complaint_id": complaint.id, "weeks": 1, "reason": "Nog meer"}
                )
            with self.assertRaises(AccessError):
                extension.with_user(self.handler_a).write({"weeks": 10})


@tagged("post_install", "-at_install")
class TestRulesOverJsonRpc(HttpCase, KlachtenbeheerCase):
    """The same rules, as the web client sends them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._create_complaint(
            team_id=cls.team_a.id, user_id=cls.handler_a.id
        )

    def _call(self, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "klachtenbeheer.complaint",
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        )

    @mute_logger("odoo.http")
    def test_handler_cannot_approve_over_rpc(self):
        self.authenticate("kb_handler_a", "kb_handler_a")
        for vals in (
            {"answer_approved_by_id": self.manager_a.id},
            {"answer_approved_date": "2026-11-18 10:00:00"},
            {"date_answered": "2026-11-18 10:00:00"},
            {"criminal_suspicion": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(JsonRpcException):
                self._call(
                    "web_save", [[self.complaint.id], vals], {"specification": {}}
                )
        self.assertFalse(self.complaint.answer_approved_by_id)
        self.assertFalse(self.complaint.date_answered)
        # What the handler may write goes.
        self._call(
            "web_save",
            [[self.complaint.id], {"facts": "Monteur gebeld"}],
            {"specification": {}},
        )
        self.assertEqual(self.complaint.facts, "Monteur gebeld")
