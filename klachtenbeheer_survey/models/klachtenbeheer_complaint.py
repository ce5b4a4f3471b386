# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

SURVEY_STATES = [
    ("invited", "Invited"),
    ("done", "Answered"),
]


class KlachtenbeheerComplaint(models.Model):
    _inherit = "klachtenbeheer.complaint"

    # Copies of the last survey answer: handlers see the grades without
    # access to survey answers, and anonymous answers never land here.
    survey_state = fields.Selection(
        SURVEY_STATES, string="Satisfaction Survey", copy=False, readonly=True
    )
    survey_anonymous = fields.Boolean(
        string="Anonymous Survey",
        copy=False,
        readonly=True,
        help="The answers are anonymous: they count in the report but are "
        "not shown on the complaint.",
    )
    survey_date_invited = fields.Datetime(
        string="Survey Sent On", copy=False, readonly=True
    )
    survey_date_done = fields.Datetime(
        string="Survey Answered On", copy=False, readonly=True
    )
    survey_handling_grade = fields.Integer(
        string="Grade for the Handling",
        copy=False,
        readonly=True,
        aggregator="avg",
    )
    survey_outcome_grade = fields.Integer(
        string="Grade for the Outcome",
        copy=False,
        readonly=True,
        aggregator="avg",
    )

    def write(self, vals):
        res = super().write(vals)
        # Only a closure can invite: other stage moves cost nothing here.
        if "stage_id" in vals and self.stage_id.filtered("is_closed"):
            self._survey_invite_on_closure()
        return res

    # ------------------------------------------------------------------
    # Invitation
    # ------------------------------------------------------------------

    def _survey_get_invitable(self):
        """Return the complaints whose current closure should send a survey.

        Override to add conditions (e.g. channels that never get a survey).
        """
        complaints = self.filtered(
            lambda c: (
                c.stage_id.is_closed
                and c.stage_id.survey_send
                and c.date_closed
                # Only ever to the complainant: never to an employee or a
                # machine's address that registered the complaint.
                and c._klachtenbeheer_is_customer_address(c.email_from, c.company_id)
            )
        )
        if not complaints:
            return complaints
        # One invitation per closure, or one per complaint: look at what
        # was sent before in one query.
        sent = (
            self.env["survey.user_input"]
            .sudo()
            .search_read(
                [("complaint_id", "in", complaints.ids)],
                ["complaint_id", "complaint_date_closed"],
                load=None,
            )
        )
        sent_closures = {(r["complaint_id"], r["complaint_date_closed"]) for r in sent}
        sent_complaints = {r["complaint_id"] for r in sent}
        invitable = self.browse()
        for complaint in complaints:
            if complaint.company_id.klachtenbeheer_survey_reinvite == "once":
                if complaint.id in sent_complaints:
                    continue
            elif (complaint.id, complaint.date_closed) in sent_closures:
                continue
            invitable |= complaint
        return invitable

    def _survey_invite_on_closure(self):
        for complaint in self._survey_get_invitable():
            complaint._survey_send_invitation()

    def _survey_send_invitation(self):
        """Create the survey answer of this closure and mail its link."""
        self.ensure_one()
        # Whoever closes the complaint sends the survey, also without
        # access to surveys.
        team = self.sudo().team_id or self.env["klachtenbeheer.team"].sudo().new(
            {"company_id": self.company_id.id}
        )
        survey = team._get_satisfaction_survey()
        if not survey or not survey.active:
            return self.env["survey.user_input"]
        anonymous = survey.complaint_anonymous
        now = fields.Datetime.now()
        answer = survey._create_answer(
            partner=False if anonymous else self.partner_id,
            email=False if anonymous or self.partner_id else self.email_from,
            check_attempts=False,
            complaint_id=self.id,
            complaint_date_closed=self.date_closed,
            complaint_date_invited=now,
            complaint_anonymous=anonymous,
        )
        answer._complaint_send_mail(
            "klachtenbeheer_survey.mail_template_complaint_survey_invite"
        )
        self.sudo().write(
            {
                "survey_state": "invited",
                "survey_anonymous": anonymous,
                "survey_date_invited": now,
                "survey_date_done": False,
                "survey_handling_grade": 0,
                "survey_outcome_grade": 0,
            }
        )
        self.message_post(
            body=self.env._(
                "Satisfaction survey sent to %(email)s.", email=self.email_from
            ),
            subtype_xmlid="mail.mt_note",
        )
        return answer

    # ------------------------------------------------------------------
    # Follow-up
    # ------------------------------------------------------------------

    def _survey_get_followup_user(self):
        """Who calls the complainant back: the company's follow-up user,
        else the team manager, else who gets the complaint's own work (the
        handler, else the coordinators' queue: never the respondent's public
        user)."""
        self.ensure_one()
        return (
            self.company_id.klachtenbeheer_survey_user_id
            or self.team_id.user_id
            or self._term_activity_user()
        )

    def _survey_schedule_call(self, user_input):
        self.ensure_one()
        env = self.env
        if user_input.complaint_anonymous:
            # The respondent asked for the call and so gave up anonymity
            # for it; the grades stay out of the complaint all the same.
            note = env._(
                "A respondent to the anonymous satisfaction survey asked to be "
                "called back on %(phone)s.",
                phone=user_input.complaint_callback_phone or self.phone or "-",
            )
        elif user_input.complaint_callback:
            note = env._(
                "The complainant asked to be called back on %(phone)s about "
                "the survey answers (handling %(handling)s, outcome %(outcome)s).",
                phone=user_input.complaint_callback_phone or self.phone or "-",
                handling=user_input.complaint_handling_grade or "-",
                outcome=user_input.complaint_outcome_grade or "-",
            )
        else:
            note = env._(
                "Low satisfaction grade (handling %(handling)s, outcome "
                "%(outcome)s): call the complainant to understand it.",
                handling=user_input.complaint_handling_grade or "-",
                outcome=user_input.complaint_outcome_grade or "-",
            )
        return self.sudo().activity_schedule(
            "mail.mail_activity_data_call",
            summary=env._("Call about the satisfaction survey"),
            note=note,
            user_id=self._survey_get_followup_user().id,
        )

    def _anonymise_related(self, ids):
        """The survey keeps its grades and chosen answers (the survey report
        stays the same); who answered and what they typed go (AVG art.
        5(1)(e))."""
        res = super()._anonymise_related(ids)
        self.env.cr.execute(
            SQL(
                """
                UPDATE survey_user_input
                   SET email = NULL, nickname = NULL, partner_id = NULL,
                       complaint_callback_phone = NULL
                 WHERE complaint_id IN %(ids)s;
                UPDATE survey_user_input_line l
                   SET value_char_box = NULL, value_text_box = NULL
                  FROM survey_user_input i
                 WHERE l.user_input_id = i.id AND i.complaint_id IN %(ids)s;
                -- The invitations and reminders sent (addressed by name).
                UPDATE mail_message m
                   SET body = NULL, subject = NULL, email_from = NULL,
                       reply_to = NULL, record_name = NULL
                  FROM survey_user_input i
                 WHERE m.model = 'survey.user_input' AND m.res_id = i.id
                   AND i.complaint_id IN %(ids)s;
                DELETE FROM mail_mail mm
                 USING mail_message m, survey_user_input i
                 WHERE mm.mail_message_id = m.id
                   AND m.model = 'survey.user_input' AND m.res_id = i.id
                   AND i.complaint_id IN %(ids)s;
                DELETE FROM mail_message_res_partner_rel r
                 USING mail_message m, survey_user_input i
                 WHERE r.mail_message_id = m.id
                   AND m.model = 'survey.user_input' AND m.res_id = i.id
                   AND i.complaint_id IN %(ids)s;
                DELETE FROM mail_notification n
                 USING mail_message m, survey_user_input i
                 WHERE n.mail_message_id = m.id
                   AND m.model = 'survey.user_input' AND m.res_id = i.id
                   AND i.complaint_id IN %(ids)s;
                DELETE FROM mail_followers f
                 USING survey_user_input i
                 WHERE f.res_model = 'survey.user_input' AND f.res_id = i.id
                   AND i.complaint_id IN %(ids)s;
                """,
                ids=tuple(ids),
            )
        )
        return res

    def _privacy_export_extra(self):
        """The survey answers of the complaint, for a request for access (AVG
        art. 15); anonymous answers name nobody and are left out."""
        extra = super()._privacy_export_extra()
        inputs = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [("complaint_id", "=", self.id), ("complaint_anonymous", "=", False)]
            )
        )
        extra["tevredenheidsonderzoek"] = [
            {
                "datum": fields.Datetime.to_string(user_input.create_date),
                "antwoorden": [
                    {
                        "vraag": line.question_id.title,
                        "antwoord": line.suggested_answer_id.value
                        if line.answer_type == "suggestion"
                        else line.value_char_box
                        or line.value_text_box
                        or line.value_numerical_box,
                    }
                    for line in user_input.user_input_line_ids
                ],
            }
            for user_input in inputs
        ]
        return extra
