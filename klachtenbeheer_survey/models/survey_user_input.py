# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

REMINDER_BATCH_SIZE = 200


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    # Links each answer to the complaint it is about, so results can be
    # joined to team, category and validity. Only coordinators read it:
    # for anonymous surveys it is the one link from an answer to a person.
    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        string="Complaint",
        index="btree_not_null",
        ondelete="set null",
        groups="klachtenbeheer.group_klachtenbeheer_coordinator",
    )
    # The closure this invitation belongs to: a complaint closed, reopened
    # and closed again has a new closing date, hence a new invitation when
    # the company invites after every closure.
    complaint_date_closed = fields.Datetime(string="Complaint Closed On", index=True)
    complaint_date_invited = fields.Datetime(string="Invited On", index=True)
    complaint_date_reminded = fields.Datetime(string="Reminded On")
    complaint_anonymous = fields.Boolean(string="Anonymous Answer")
    complaint_handling_grade = fields.Integer(string="Grade for the Handling")
    complaint_outcome_grade = fields.Integer(string="Grade for the Outcome")
    complaint_aspect_id = fields.Many2one(
        comodel_name="survey.question.answer",
        string="Aspect That Mattered Most",
        ondelete="set null",
    )
    complaint_callback = fields.Boolean(string="Call Back Requested")
    complaint_callback_phone = fields.Char(string="Call Back Number")

    _sql_constraints = [
        (
            "complaint_closure_uniq",
            "unique (complaint_id, complaint_date_closed)",
            "A complaint's closure sends one satisfaction survey.",
        ),
    ]

    # ------------------------------------------------------------------
    # Completion
    # ------------------------------------------------------------------

    def _mark_done(self):
        res = super()._mark_done()
        for user_input in self.sudo().filtered("complaint_id"):
            user_input._complaint_process_answers()
        return res

    def _complaint_read_answers(self):
        """Return the answers to the questions with a complaint role."""
        self.ensure_one()
        values = {
            "complaint_handling_grade": 0,
            "complaint_outcome_grade": 0,
            "complaint_aspect_id": False,
            "complaint_callback": False,
            "complaint_callback_phone": False,
        }
        texts = {}
        for line in self.user_input_line_ids.filtered(
            lambda line: line.question_id.complaint_role and not line.skipped
        ):
            role = line.question_id.complaint_role
            if role in ("handling_grade", "outcome_grade"):
                grade = line.value_scale or int(line.value_numerical_box or 0)
                values[f"complaint_{role}"] = grade
            elif role == "aspect":
                values["complaint_aspect_id"] = line.suggested_answer_id.id
            elif role == "callback":
                if line.suggested_answer_id.complaint_callback:
                    values["complaint_callback"] = True
            elif role == "callback_phone":
                values["complaint_callback_phone"] = line.value_char_box
            elif role in ("good", "better"):
                texts[role] = line.value_text_box or line.value_char_box or ""
        return values, texts

    def _complaint_process_answers(self):
        """Copy the grades to the complaint, post them and ask for a call."""
        self.ensure_one()
        # Whoever answers, the chatter and the activity speak the language
        # of the organisation.
        lang = self.complaint_id.company_id.partner_id.lang
        if lang:
            self = self.with_context(lang=lang)  # noqa: PLW0642
        values, texts = self._complaint_read_answers()
        self.write(values)
        complaint = self.complaint_id
        if not self.complaint_anonymous:
            complaint.write(
                {
                    "survey_state": "done",
                    "survey_date_done": self.end_datetime,
                    "survey_handling_grade": self.complaint_handling_grade,
                    "survey_outcome_grade": self.complaint_outcome_grade,
                }
            )
            complaint.message_post(
                body=self._complaint_message_body(texts),
                author_id=self.env.ref("base.partner_root").id,
                subtype_xmlid="mail.mt_note",
            )
        if self._complaint_needs_call():
            complaint._survey_schedule_call(self)

    def _complaint_message_body(self, texts):
        self.ensure_one()
        env = self.env
        rows = [
            (env._("Grade for the handling"), self.complaint_handling_grade or "-"),
            (env._("Grade for the outcome"), self.complaint_outcome_grade or "-"),
            (
                env._("Aspect that mattered most"),
                self.complaint_aspect_id.value or "-",
            ),
            (env._("What was good"), texts.get("good") or "-"),
            (env._("What could be better"), texts.get("better") or "-"),
        ]
        if self.complaint_callback:
            rows.append((env._("Call back on"), self.complaint_callback_phone or "-"))
        items = Markup("").join(
            Markup("<li><b>%s</b>: %s</li>") % (label, value) for label, value in rows
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (
            env._("The complainant answered the satisfaction survey."),
            items,
        )

    def _complaint_needs_call(self):
        """A low grade or a request to be called asks for a call.

        Anonymous answers only lead to a call when the respondent asks for
        it: a call after a low grade would tell who gave it.
        """
        self.ensure_one()
        if self.complaint_callback:
            return True
        if self.complaint_anonymous:
            return False
        threshold = self.complaint_id.company_id.klachtenbeheer_survey_threshold
        grades = [
            grade
            for grade in (self.complaint_handling_grade, self.complaint_outcome_grade)
            if grade
        ]
        return any(grade < threshold for grade in grades)

    # ------------------------------------------------------------------
    # Invitation and reminder mails
    # ------------------------------------------------------------------

    def _complaint_send_mail(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for user_input in self:
            # From and answered to the team's complaint address, as every
            # mail to the complainant (klachtenbeheer's mail layout).
            sender = user_input.complaint_id._klachtenbeheer_mail_sender()
            template.send_mail(
                user_input.id,
                email_layout_xmlid="klachtenbeheer.mail_layout_complainant",
                email_values={"email_from": sender, "reply_to": sender}
                if sender
                else None,
            )

    @api.model
    def _cron_send_complaint_survey_reminders(self, batch_size=REMINDER_BATCH_SIZE):
        """Remind complainants once of an unanswered survey.

        Idempotent and safe with several workers: the reminder date is stored
        on the answer before the mail is queued, in the same transaction,
        and Odoo runs one instance of a cron job at a time.
        """
        now = fields.Datetime.now()
        done = 0
        remaining = 0
        for company in self.env["res.company"].search(
            [("klachtenbeheer_survey_reminder_days", ">", 0)]
        ):
            domain = [
                ("complaint_id.company_id", "=", company.id),
                ("complaint_id.is_closed", "=", True),
                ("state", "!=", "done"),
                ("test_entry", "=", False),
                ("complaint_date_reminded", "=", False),
                (
                    "complaint_date_invited",
                    "<=",
                    now - timedelta(days=company.klachtenbeheer_survey_reminder_days),
                ),
            ]
            batch = self.sudo().search(domain, limit=max(batch_size - done, 0))
            if batch:
                batch.complaint_date_reminded = now
                batch._complaint_send_mail(
                    "klachtenbeheer_survey.mail_template_complaint_survey_reminder"
                )
                done += len(batch)
            remaining += self.sudo().search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------

    @api.model
    def _complaint_demo_answers(self):
        """Answer the survey for the closed demo complaints.

        Grades rise over the year (Utrecht started from a 4.8, says the Utrecht
        interview) and the outcome grade is lower for unfounded complaints.
        """
        survey = self.env.ref("klachtenbeheer_survey.survey_satisfaction")
        questions = {q.complaint_role: q for q in survey.question_ids}
        aspects = questions["aspect"].suggested_answer_ids.sorted("sequence")
        yes, no = questions["callback"].suggested_answer_ids.sorted("sequence")
        goods = [
            "Ik werd snel gebeld en serieus genomen.",
            "Vriendelijke behandelaar die goed luisterde.",
            "De afspraken werden nagekomen.",
            "",
        ]
        betters = [
            "Het duurde lang voordat ik iets hoorde.",
            "De brief was moeilijk te begrijpen.",
            "Ik had graag vaker tussendoor gehoord hoe het ervoor stond.",
            "",
        ]
        complaints = self.env["klachtenbeheer.complaint"].search(
            [
                ("stage_id", "=", self.env.ref("klachtenbeheer.stage_closed").id),
                ("date_closed", "!=", False),
                ("email_from", "!=", False),
            ],
            order="date_closed",
        )
        now = fields.Datetime.now()
        for index, complaint in enumerate(complaints):
            answer = survey._create_answer(
                partner=complaint.partner_id,
                check_attempts=False,
                complaint_id=complaint.id,
                complaint_date_closed=complaint.date_closed,
                complaint_date_invited=complaint.date_closed,
            )
            complaint.write(
                {
                    "survey_state": "invited",
                    "survey_date_invited": complaint.date_closed,
                }
            )
            if index % 5 == 3:
                # Not answered, reminded: counts against the response rate.
                answer.complaint_date_reminded = complaint.date_closed + timedelta(
                    days=7
                )
                continue
            age = (now - complaint.date_closed).days
            handling = min(10, max(1, 9 - age // 60 + index % 2))
            outcome = handling - (3 if complaint.validity == "unfounded" else 0)
            outcome = max(1, outcome)
            answer._save_lines(questions["handling_grade"], str(handling))
            answer._save_lines(questions["outcome_grade"], str(outcome))
            if goods[index % 4]:
                answer._save_lines(questions["good"], goods[index % 4])
            if betters[(index + 1) % 4]:
                answer._save_lines(questions["better"], betters[(index + 1) % 4])
            answer._save_lines(questions["aspect"], aspects[index % len(aspects)].id)
            callback = index % 4 == 1
            answer._save_lines(questions["callback"], (yes if callback else no).id)
            if callback:
                answer._save_lines(questions["callback_phone"], complaint.phone or "")
            answer._mark_done()
            done = complaint.date_closed + timedelta(days=2 + index % 5)
            answer.end_datetime = done
            complaint.survey_date_done = done
