# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import KlachtenbeheerSurveyCase


@tagged("post_install", "-at_install")
class TestSurveyInvitation(KlachtenbeheerSurveyCase):
    def test_closing_sends_one_invitation(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        self._close(complaint, user=self.handler_a)

        invitation = self._invitations(complaint)
        self.assertEqual(len(invitation), 1)
        self.assertEqual(invitation.survey_id, self.survey)
        self.assertEqual(invitation.partner_id, self.partner)
        self.assertEqual(invitation.complaint_date_closed, complaint.date_closed)
        mail = self._invitation_mails(invitation)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "f.yilmaz@example.com")
        self.assertIn(invitation.get_start_url(), mail.body_html)
        self.assertEqual(complaint.survey_state, "invited")
        self.assertIn("f.yilmaz@example.com", complaint.message_ids[0].body)

        # Saving the closed stage again or moving to another closed stage is
        # the same closure: no second invitation.
        complaint.with_user(self.handler_a).write({"stage_id": self.stage_closed.id})
        complaint.with_user(self.handler_a).write({"stage_id": self.stage_withdrawn.id})
        self.assertEqual(self._invitations(complaint), invitation)
        self.assertEqual(len(self._invitation_mails(invitation)), 1)

    def _reopen_and_close_again(self, complaint):
        with freeze_time(fields.Datetime.now() - timedelta(days=10)):
            self._close(complaint, user=self.handler_a)
        complaint.with_user(self.handler_a).write(
            {"stage_id": self.stage_investigating.id}
        )
        self.assertFalse(complaint.date_closed)
        complaint.with_user(self.handler_a).write({"stage_id": self.stage_closed.id})

    def test_reopen_invites_once_by_default(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        self._reopen_and_close_again(complaint)
        self.assertEqual(len(self._invitations(complaint)), 1)

    def test_reopen_invites_again_when_configured(self):
        self.company.klachtenbeheer_survey_reinvite = "each"
        complaint = self._create_complaint(team_id=self.team_a.id)
        self._reopen_and_close_again(complaint)
        invitations = self._invitations(complaint)
        self.assertEqual(len(invitations), 2)
        self.assertEqual(invitations[1].complaint_date_closed, complaint.date_closed)
        self.assertLess(
            invitations[0].complaint_date_closed, invitations[1].complaint_date_closed
        )

    def test_withdrawn_sends_none_unless_configured(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        complaint.with_user(self.handler_a).write({"stage_id": self.stage_withdrawn.id})
        self.assertTrue(complaint.is_closed)
        self.assertFalse(self._invitations(complaint))

        self.stage_withdrawn.survey_send = True
        other = self._create_complaint(team_id=self.team_a.id)
        other.with_user(self.handler_a).write({"stage_id": self.stage_withdrawn.id})
        self.assertEqual(len(self._invitations(other)), 1)

    def test_anonymous_complaint_without_email_gets_none(self):
        complaint = self._create_complaint(
            team_id=self.team_a.id, partner_id=False, is_anonymous=True
        )
        self.assertFalse(complaint.email_from)
        self._close(complaint, user=self.handler_a)
        self.assertFalse(self._invitations(complaint))
        self.assertFalse(complaint.survey_state)

    def test_anonymous_complaint_with_email_invited_without_contact(self):
        complaint = self._create_complaint(
            team_id=self.team_a.id,
            partner_id=False,
            is_anonymous=True,
            email_from="anoniem@example.com",
        )
        self._close(complaint, user=self.handler_a)
        invitation = self._invitations(complaint)
        self.assertEqual(len(invitation), 1)
        self.assertFalse(invitation.partner_id)
        self.assertEqual(
            self._invitation_mails(invitation).email_to, "anoniem@example.com"
        )

    def test_team_survey_replaces_default(self):
        team_survey = self.survey.copy({"title": "Tevredenheid Team A"})
        self.team_a.survey_id = team_survey
        complaint = self._create_complaint(team_id=self.team_a.id)
        self._close(complaint, user=self.handler_a)
        self.assertEqual(self._invitations(complaint).survey_id, team_survey)
        other = self._create_complaint(team_id=self.team_b.id)
        self._close(other, user=self.handler_b)
        self.assertEqual(self._invitations(other).survey_id, self.survey)

    def test_reminder_sent_once_after_configured_days(self):
        # Only this test's invitations are due.
        self.UserInput.search([("complaint_id", "!=", False)]).write(
            {"complaint_date_reminded": fields.Datetime.now()}
        )
        due, recent, answered = (
            self._create_complaint(team_id=self.team_a.id) for __ in range(3)
        )
        with freeze_time(fields.Datetime.now() - timedelta(days=8)):
            self._close(due, user=self.handler_a)
            self._close(answered, user=self.handler_a)
        self._close(recent, user=self.handler_a)
        self._answer(self._invitations(answered), 8, 8)
        Mail = self.env["mail.mail"]
        reminder_subject = [("subject", "ilike", "Reminder")]

        done = self.UserInput._cron_send_complaint_survey_reminders()

        self.assertEqual(done, 1)
        invitation = self._invitations(due)
        self.assertTrue(invitation.complaint_date_reminded)
        mails = Mail.search([*reminder_subject, ("model", "=", "survey.user_input")])
        self.assertEqual(mails.mapped("res_id"), invitation.ids)
        self.assertIn(invitation.get_start_url(), mails.body_html)
        self.assertFalse(self._invitations(recent).complaint_date_reminded)
        self.assertFalse(self._invitations(answered).complaint_date_reminded)

        # Running again (another worker, the next day) reminds nobody twice.
        self.assertEqual(self.UserInput._cron_send_complaint_survey_reminders(), 0)
        self.assertEqual(Mail.search_count(reminder_subject), 1)

    def test_reminder_disabled_with_zero_days(self):
        self.company.klachtenbeheer_survey_reminder_days = 0
        complaint = self._create_complaint(team_id=self.team_a.id)
        with freeze_time(fields.Datetime.now() - timedelta(days=30)):
            self._close(complaint, user=self.handler_a)
        self.assertEqual(self.UserInput._cron_send_complaint_survey_reminders(), 0)
