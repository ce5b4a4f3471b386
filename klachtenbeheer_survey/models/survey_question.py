# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# What a question measures for the complaint procedure. Other surveys can
# be used after closure as long as their questions carry these roles.
COMPLAINT_ROLES = [
    ("handling_grade", "Grade for the Handling"),
    ("outcome_grade", "Grade for the Outcome"),
    ("good", "What Was Good"),
    ("better", "What Could Be Better"),
    ("aspect", "Aspect That Mattered Most"),
    ("callback", "May We Call You"),
    ("callback_phone", "Phone Number for the Call"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    complaint_role = fields.Selection(
        COMPLAINT_ROLES,
        help="What this question measures for complaint satisfaction: the "
        "answer is copied to the complaint and the report.",
    )


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    complaint_callback = fields.Boolean(
        string="Call Back",
        help="Choosing this answer to the question 'May we call you' asks "
        "for a call: the follow-up user gets a call activity.",
    )

    @api.depends("question_id.complaint_role")
    def _compute_display_name(self):  # pylint: disable=missing-return
        # An aspect is read in reports and on the complaint by itself
        # ("Snelheid"), not behind the whole question.
        super()._compute_display_name()
        for answer in self:
            if answer.question_id.complaint_role == "aspect":
                answer.display_name = answer.value_label
