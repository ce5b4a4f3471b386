# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

REINVITE_POLICIES = [
    ("once", "Only after the first closure"),
    ("each", "After every closure"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    klachtenbeheer_survey_id = fields.Many2one(
        comodel_name="survey.survey",
        string="Default Satisfaction Survey",
        help="Sent after closure for teams without a survey of their own. "
        "Empty: the survey shipped with the module.",
    )
    klachtenbeheer_survey_reinvite = fields.Selection(
        REINVITE_POLICIES,
        string="Survey After Reopening",
        default="once",
        required=True,
        help="Whether a complaint that is reopened and closed again invites "
        "the complainant again.",
    )
    klachtenbeheer_survey_reminder_days = fields.Integer(
        string="Survey Reminder After (Days)",
        default=7,
        help="One reminder is sent when the survey has not been answered "
        "after this many days. 0: no reminder.",
    )
    klachtenbeheer_survey_threshold = fields.Integer(
        string="Survey Follow-up Below Grade",
        default=6,
        help="A handling or outcome grade below this grade creates a call "
        "activity for the follow-up user.",
    )
    klachtenbeheer_survey_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Survey Follow-up By",
        domain=[("share", "=", False)],
        help="The coordinator who calls complainants back after a low grade "
        "or on request. Empty: the manager of the complaint's team.",
    )
