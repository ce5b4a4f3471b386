# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.klachtenbeheer.tests.common import DutchCase

from .common import QUIET_CONTEXT_SURVEY, KlachtenbeheerSurveyCase


@tagged("post_install", "-at_install")
class TestSurveyAnswers(KlachtenbeheerSurveyCase):
    def _closed_complaint(self, **values):
        complaint = self._create_complaint(team_id=self.team_a.id, **values)
        self._close(complaint, user=self.handler_a)
        return complaint, self._invitations(complaint)

    def test_answer_shows_grades_on_complaint_and_chatter(self):
        complaint, invitation = self._closed_complaint()
        self._answer(
            invitation,
            8,
            7,
            aspect=self.aspects[1],
            good="Snel teruggebeld",
            better="Brief was onduidelijk",
        )
        self.assertEqual(invitation.complaint_handling_grade, 8)
        self.assertEqual(invitation.complaint_outcome_grade, 7)
        self.assertEqual(invitation.complaint_aspect_id, self.aspects[1])
        complaint = complaint.with_user(self.handler_a)
        self.assertEqual(complaint.survey_state, "done")
        self.assertEqual(complaint.survey_handling_grade, 8)
        self.assertEqual(complaint.survey_outcome_grade, 7)
        self.assertTrue(complaint.survey_date_done)
        body = complaint.message_ids[0].body
        for text in ("8", "7", "Snel teruggebeld", "Brief was onduidelijk"):
            self.assertIn(text, body)
        self.assertIn(self.aspects[1].value, body)
        self.assertFalse(self._call_activities(complaint))

    def test_low_grade_creates_call_activity_for_coordinator(self):
        complaint, invitation = self._closed_complaint()
        self._answer(invitation, 8, 5)
        activity = self._call_activities(complaint)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.coordinator)
        self.assertIn("5", activity.note)

    def test_threshold_is_configurable(self):
        self.company.klachtenbeheer_survey_threshold = 5
        complaint, invitation = self._closed_complaint()
        self._answer(invitation, 5, 5)
        self.assertFalse(self._call_activities(complaint))

    def test_callback_request_creates_call_activity(self):
        self.company.klachtenbeheer_survey_user_id = False
        complaint, invitation = self._closed_complaint()
        self._answer(invitation, 9, 9, callback=True, phone="0698765432")
        self.assertTrue(invitation.complaint_callback)
        self.assertEqual(invitation.complaint_callback_phone, "0698765432")
        activity = self._call_activities(complaint)
        self.assertEqual(len(activity), 1)
        # Without a follow-up user in the settings: the team manager.
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertIn("0698765432", activity.note)

    def test_anonymous_answers_hidden_from_handler(self):
        self.survey.complaint_anonymous = True
        complaint, invitation = self._closed_complaint()
        self.assertTrue(invitation.complaint_anonymous)
        self.assertFalse(invitation.partner_id)
        self.assertFalse(invitation.email)
        messages_before = complaint.message_ids
        self._answer(invitation, 3, 2, good="Geheim oordeel")

        # The answer counts...
        self.assertEqual(invitation.state, "done")
        self.assertEqual(invitation.complaint_handling_grade, 3)
        # ...but nothing of it reaches the complaint the handler reads.
        complaint = complaint.with_user(self.handler_a)
        self.assertEqual(complaint.survey_state, "invited")
        self.assertTrue(complaint.survey_anonymous)
        self.assertFalse(complaint.survey_handling_grade)
        self.assertFalse(complaint.survey_outcome_grade)
        self.assertEqual(complaint.message_ids, messages_before)
        # A low grade does not call (it would tell who gave it).
        self.assertFalse(self._call_activities(complaint))
        # Handlers cannot read survey answers at all...
        with self.assertRaises(AccessError):
            invitation.with_user(self.handler_a).read(["complaint_handling_grade"])
        # ...and a handler who also runs surveys cannot see the link.
        survey_handler = new_test_user(
            self.env,
            login="kb_survey_handler",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_handler,"
            "survey.group_survey_manager",
            context=QUIET_CONTEXT_SURVEY,
        )
        self.team_a.member_ids |= survey_handler
        with self.assertRaises(AccessError):
            invitation.with_user(survey_handler).read(["complaint_id"])
        # In the analysis the answer counts for the team, without complaint.
        row = (
            self.env["klachtenbeheer.survey.report"]
            .with_user(self.handler_a)
            .search([("id", "=", invitation.id)])
        )
        self.assertEqual(row.handling_grade, 3)
        self.assertEqual(row.team_id, self.team_a)
        self.assertFalse(row.complaint_id)
        self.assertFalse(row.user_id)

    def test_anonymous_callback_request_still_calls(self):
        self.survey.complaint_anonymous = True
        complaint, invitation = self._closed_complaint()
        self._answer(invitation, 3, 2, callback=True, phone="0611111111")
        activity = self._call_activities(complaint)
        self.assertEqual(len(activity), 1)
        self.assertIn("0611111111", activity.note)
        # The grades stay out of the activity the handler can see.
        self.assertNotIn("handling 3", activity.note)

    def test_default_survey_measures_every_role(self):
        self.assertEqual(
            set(self.questions),
            {
                "handling_grade",
                "outcome_grade",
                "good",
                "better",
                "aspect",
                "callback",
                "callback_phone",
            },
        )
        self.assertEqual(len(self.aspects), 8)
        self.assertIn("Being kept informed", self.aspects.mapped("value"))
        self.assertIn("Other", self.aspects.mapped("value"))
        # An aspect reads by itself, not behind the whole question.
        self.assertEqual(self.aspects[0].display_name, self.aspects[0].value)
        self.assertEqual(
            (
                self.questions["handling_grade"].scale_min,
                self.questions["handling_grade"].scale_max,
            ),
            (1, 10),
        )
        self.assertEqual(self.survey.access_mode, "token")


@tagged("post_install", "-at_install")
class TestSurveyFormalDutch(DutchCase, KlachtenbeheerSurveyCase):
    """What the complainant reads of the survey is formal Dutch: no "je",
    "jij" or "jouw" in the survey, its questions and answers, its mails and
    the page after the last answer."""

    INFORMAL = re.compile(r"\b(je|jij|jouw|jou)\b", re.IGNORECASE)
    dutch_modules = ("survey", "klachtenbeheer", "klachtenbeheer_survey")

    def test_no_informal_words(self):
        survey = self.env.ref("klachtenbeheer_survey.survey_satisfaction").with_context(
            lang="nl_NL"
        )
        texts = [survey.title, survey.description, survey.description_done]
        for question in survey.question_ids:
            texts += [question.title, question.description]
            texts += question.suggested_answer_ids.mapped("value")
        for tmpl in (
            self.env["mail.template"]
            .with_context(lang="nl_NL")
            .search([("model", "=", "klachtenbeheer.complaint")])
        ):
            texts += [tmpl.subject, tmpl.body_html]
        # The finished page as a survey without scoring shows it (the
        # scoring branches are Odoo's and never shown after a complaint).
        arch = (
            self.env.ref("survey.survey_fill_form_done")
            .with_context(lang="nl_NL")
            ._get_combined_arch()
        )
        for node in arch.xpath(
            "//*[contains(@t-if, \"scoring_type != 'no_scoring'\")"
            " or contains(@t-if, 'certification')]"
        ):
            node.getparent().remove(node)
        done = etree.tostring(arch, encoding=str)
        self.assertIn("Hartelijk dank!", done)
        texts.append(done)
        found = [text for text in texts if text and self.INFORMAL.search(str(text))]
        self.assertFalse(found)
        self.assertIn(
            "Op de hoogte gehouden worden",
            survey.question_ids.suggested_answer_ids.mapped("value"),
        )
