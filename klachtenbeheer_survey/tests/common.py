# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures for the satisfaction survey tests.

``KlachtenbeheerSurveyCase`` adds to the core fixtures the default survey,
its questions by role, and helpers to close a complaint the way a handler
does and to answer its survey the way the public survey page does.
"""

from odoo.addons.klachtenbeheer.tests.common import QUIET_CONTEXT, KlachtenbeheerCase

QUIET_CONTEXT_SURVEY = QUIET_CONTEXT


class KlachtenbeheerSurveyCase(KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("klachtenbeheer_survey.survey_satisfaction")
        cls.questions = {q.complaint_role: q for q in cls.survey.question_ids}
        cls.aspects = cls.questions["aspect"].suggested_answer_ids.sorted("sequence")
        cls.answer_yes, cls.answer_no = cls.questions[
            "callback"
        ].suggested_answer_ids.sorted("sequence")
        cls.company.klachtenbeheer_survey_reinvite = "once"
        cls.company.klachtenbeheer_survey_threshold = 6
        cls.company.klachtenbeheer_survey_reminder_days = 7
        cls.company.klachtenbeheer_survey_user_id = cls.coordinator
        cls.UserInput = cls.env["survey.user_input"]

    @classmethod
    def _close(cls, complaint, user=None, stage=None, validity="founded"):
        """Close ``complaint`` as ``user`` with a decision."""
        complaint = complaint.with_user(user) if user else complaint
        complaint.write(
            {
                "validity": validity,
                "answer": "<p>Wij hebben uw klacht onderzocht.</p>",
                "stage_id": (stage or cls.stage_closed).id,
            }
        )
        return complaint

    @classmethod
    def _invitations(cls, complaint):
        return cls.UserInput.search([("complaint_id", "=", complaint.id)], order="id")

    @classmethod
    def _invitation_mails(cls, user_input):
        return cls.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", user_input.id)]
        )

    @classmethod
    def _answer(
        cls,
        user_input,
        handling,
        outcome,
        aspect=None,
        good="",
        better="",
        callback=False,
        phone="",
    ):
        """Answer like the survey page does: save every line, then finish."""
        q = cls.questions
        user_input._save_lines(q["handling_grade"], str(handling))
        user_input._save_lines(q["outcome_grade"], str(outcome))
        if good:
            user_input._save_lines(q["good"], good)
        if better:
            user_input._save_lines(q["better"], better)
        user_input._save_lines(q["aspect"], (aspect or cls.aspects[0]).id)
        user_input._save_lines(
            q["callback"], (cls.answer_yes if callback else cls.answer_no).id
        )
        if callback:
            user_input._save_lines(q["callback_phone"], phone)
        user_input._mark_done()
        return user_input

    @classmethod
    def _call_activities(cls, complaint):
        return cls.env["mail.activity"].search(
            [
                ("res_model", "=", "klachtenbeheer.complaint"),
                ("res_id", "=", complaint.id),
                (
                    "activity_type_id",
                    "=",
                    cls.env.ref("mail.mail_activity_data_call").id,
                ),
            ]
        )
