# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import QUIET_CONTEXT, KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestCriminalSuspicion(KlachtenbeheerCase):
    """WMD-klachtenbeleid §2.5: a serious suspicion of a criminal offence goes
    straight to the board, and only the board and the coordinators see it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env,
            login="kb_director",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_board",
            email="directeur@example.com",
            context=QUIET_CONTEXT,
        )
        cls.board = cls.env.ref("klachtenbeheer.group_klachtenbeheer_board").users
        cls.activity_type = cls.env.ref(
            "klachtenbeheer.mail_activity_type_criminal_suspicion"
        )

    def _flag(self, complaint, user, reason="Klager meldt fraude door een aannemer."):
        action = complaint.with_user(user).action_open_criminal_suspicion_wizard()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
        )
        wizard.reason = reason
        return wizard.save().action_confirm()

    def test_flag_notifies_board_and_hides(self):
        complaint = self._create_complaint(
            user=self.employee, team_id=self.team_a.id, user_id=self.handler_a.id
        ).with_env(self.env)
        self.assertTrue(complaint.with_user(self.handler_a).read(["subject"]))
        action = self._flag(complaint, self.handler_a)
        self.assertEqual(action.get("target"), "main", "back to the list")
        self.assertTrue(complaint.criminal_suspicion)
        self.assertEqual(complaint.criminal_suspicion_user_id, self.handler_a)
        # Suspended: the clock stands still, no term activities for anyone.
        self.assertTrue(complaint.paused_since)
        self.assertEqual(complaint.deadline_state, "paused")
        activities = complaint.activity_ids
        self.assertEqual(activities.activity_type_id, self.activity_type)
        self.assertEqual(activities.user_id, self.board)
        self.assertIn(self.director, activities.user_id)
        mail = self.env["mail.mail"].search(
            [("model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.board.partner_id)
        self.assertIn("Klager meldt fraude", mail.body_html)

        # Handler, team manager, registrant and colleagues no longer see it.
        for user in (self.handler_a, self.manager_a, self.employee, self.handler_b):
            Complaint = self.Complaint.with_user(user)
            self.assertFalse(Complaint.search([("id", "=", complaint.id)]))
            with self.assertRaises(AccessError):
                complaint.with_user(user).read(["subject"])
        # The board and the coordinators do.
        for user in (self.director, self.coordinator):
            self.assertEqual(
                self.Complaint.with_user(user).search([("id", "=", complaint.id)]),
                complaint,
            )
        # The board sees only the flagged complaints, not the others.
        other = self._create_complaint(team_id=self.team_a.id)
        self.assertFalse(
            self.Complaint.with_user(self.director).search([("id", "=", other.id)])
        )

    def test_hearing_and_escalation_hidden_with_the_complaint(self):
        complaint = self._create_complaint(
            user=self.employee, team_id=self.team_a.id, user_id=self.handler_a.id
        ).with_env(self.env)
        hearing = (
            self.env["klachtenbeheer.hearing"]
            .with_user(self.handler_a)
            .create({"complaint_id": complaint.id, "date": "2026-03-02 09:00:00"})
        )
        escalation = (
            self.env["klachtenbeheer.escalation"]
            .with_user(self.handler_a)
            .create({"complaint_id": complaint.id, "date_submitted": "2026-03-03"})
        )
        self._flag(complaint, self.handler_a)
        for record in (hearing, escalation):
            Model = self.env[record._name]
            for user in (self.handler_a, self.manager_a, self.employee):
                self.assertFalse(
                    Model.with_user(user).search([("id", "=", record.id)]),
                    f"{record._name} of a flagged complaint seen by {user.login}",
                )
            for user in (self.director, self.coordinator):
                self.assertEqual(
                    Model.with_user(user).search([("id", "=", record.id)]), record
                )

    def test_suspended_regardless_of_profile(self):
        profile = self.env.ref("klachtenbeheer.term_profile_awb")
        self.assertFalse(profile.allow_pause)
        complaint = self._create_complaint(
            team_id=self.team_a.id, term_profile_id=profile.id
        )
        with self.assertRaisesRegex(UserError, "does not allow pausing"):
            complaint.with_user(self.handler_a).action_pause_terms()
        self._flag(complaint, self.coordinator)
        self.assertTrue(complaint.paused_since)

    def test_reason_required(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        with self.assertRaisesRegex(UserError, "Describe why"):
            self._flag(complaint, self.handler_a, reason="  ")
        self.assertFalse(complaint.criminal_suspicion)

    def test_employee_cannot_flag_others(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        with self.assertRaises(AccessError):
            complaint.with_user(self.other_employee)._flag_criminal_suspicion("x")

    def test_lift_by_board(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        self._flag(complaint, self.handler_a)
        with self.assertRaisesRegex(AccessError, "Only the board"):
            complaint.with_user(self.handler_a).action_lift_criminal_suspicion(
                "Aangifte bleek ongegrond"
            )
        complaint.with_user(self.director).action_lift_criminal_suspicion(
            "Aangifte bleek ongegrond"
        )
        self.assertFalse(complaint.criminal_suspicion)
        self.assertFalse(complaint.paused_since)
        self.assertFalse(
            complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == self.activity_type
            )
        )
        self.assertTrue(complaint.with_user(self.handler_a).read(["subject"]))

    def test_lift_keeps_an_earlier_pause(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        complaint.with_user(self.handler_a).action_pause_terms()
        paused_since = complaint.paused_since
        self._flag(complaint, self.handler_a)
        self.assertEqual(complaint.paused_since, paused_since)
        complaint.with_user(self.coordinator).action_lift_criminal_suspicion(
            "Aangifte bleek ongegrond"
        )
        self.assertEqual(complaint.paused_since, paused_since, "still waiting")

    def test_lift_needs_a_reason_on_the_chatter(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        self._flag(complaint, self.handler_a)
        with self.assertRaisesRegex(UserError, "reason"):
            complaint.with_user(self.director).action_lift_criminal_suspicion()
        with self.assertRaisesRegex(UserError, "reason"):
            complaint.with_user(self.director).action_lift_criminal_suspicion("  ")
        self.assertTrue(complaint.criminal_suspicion)
        # The button opens the wizard; the board gives the reason there.
        action = complaint.with_user(
            self.director
        ).action_open_lift_criminal_suspicion_wizard()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.director)
            .with_context(**action["context"]),
            view=action["views"][0][0],
        )
        wizard.reason = "Politie ziet geen strafbaar feit"
        wizard.save().action_lift()
        self.assertFalse(complaint.criminal_suspicion)
        self.assertIn(
            "Politie ziet geen strafbaar feit",
            " ".join(complaint.message_ids.mapped("body")),
        )

    def test_board_gives_access_back(self):
        """WMD-klachtenbeleid §2.5: the handler who handed the case to the
        board sees it again only when the board says so; until then they
        hear nothing of it either."""
        complaint = self._create_complaint(
            team_id=self.team_a.id, user_id=self.handler_a.id
        )
        complaint.message_subscribe(partner_ids=self.handler_a.partner_id.ids)
        self._flag(complaint, self.handler_a)
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler_a).read(["subject"])
        # Nobody but the board and the coordinators gives access.
        for user in (self.handler_a, self.manager_a, self.employee):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                complaint.with_user(user).criminal_access_user_ids = self.handler_a
        # A comment of the board does not reach the handler while hidden.
        board_view = complaint.with_user(self.director)
        message = board_view.message_post(
            body="Wij doen aangifte.",
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
        )
        self.assertNotIn(self.handler_a.partner_id, message.notified_partner_ids)
        board_view.criminal_access_user_ids = self.handler_a
        self.assertTrue(complaint.with_user(self.handler_a).read(["subject"]))
        self.assertIn(
            f"{self.director.name} gave access to: {self.handler_a.name}",
            " ".join(complaint.message_ids.mapped("body")),
        )
        message = board_view.message_post(
            body="U kunt verder met het onderzoek.",
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
        )
        self.assertIn(self.handler_a.partner_id, message.notified_partner_ids)
        # The others still do not see it.
        with self.assertRaises(AccessError):
            complaint.with_user(self.manager_a).read(["subject"])
        # Taken back: hidden again at once (the rule's cached domain too).
        board_view.criminal_access_user_ids = False
        complaint.invalidate_recordset()
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler_a).read(["subject"])
        self.assertFalse(
            self.Complaint.with_user(self.handler_a).search([("id", "=", complaint.id)])
        )
