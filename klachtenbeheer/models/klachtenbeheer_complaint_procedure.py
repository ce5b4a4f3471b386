# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Procedure rules of 004 §2.4-2.6: outside the procedure, suspicion of a
criminal offence, policy routing and repeat complaints."""

from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class KlachtenbeheerComplaintProcedure(models.Model):
    _inherit = "klachtenbeheer.complaint"

    # ------------------------------------------------------------------
    # Outside the procedure (004 §2.5, Awb 9:8)
    # ------------------------------------------------------------------

    outside_procedure_ground_id = fields.Many2one(
        comodel_name="klachtenbeheer.procedure.ground",
        string="Ground (Outside the Procedure)",
        index="btree_not_null",
        tracking=True,
        copy=False,
        ondelete="restrict",
        help="Why the complaint is not handled on substance (004 §2.5).",
    )
    outside_procedure_referral = fields.Html(
        string="Referral",
        copy=False,
        sanitize_style=True,
        help="The reason and the referral sent to the complainant.",
    )
    suggested_ground_ids = fields.Many2many(
        comodel_name="klachtenbeheer.procedure.ground",
        string="Possible Grounds",
        compute="_compute_suggested_ground_ids",
        help="Grounds whose keywords occur in the subject or the description: "
        "a suggestion to check, never a decision.",
    )

    @api.depends(
        "subject",
        "description",
        "term_profile_id",
        "company_id",
        "is_closed",
        "outside_procedure_ground_id",
    )
    def _compute_suggested_ground_ids(self):
        Ground = self.env["klachtenbeheer.procedure.ground"]
        open_complaints = self.filtered(
            lambda c: not c.is_closed and not c.outside_procedure_ground_id
        )
        (self - open_complaints).suggested_ground_ids = False
        if not open_complaints:
            return
        # One search for the whole batch; the few grounds are filtered here.
        grounds = Ground.search([("keywords", "!=", False)])
        for complaint in open_complaints:
            available = grounds.filtered_domain(Ground._available_domain(complaint))
            complaint.suggested_ground_ids = Ground._suggest_for_text(
                available, Ground._complaint_text(complaint)
            )

    @api.constrains("stage_id", "outside_procedure_ground_id")
    def _check_outside_procedure_ground(self):
        for complaint in self:
            if complaint.stage_id.is_outside_procedure and not (
                complaint.outside_procedure_ground_id
            ):
                raise ValidationError(
                    self.env._(
                        "Complaint %s can only be put outside the procedure "
                        "with a ground: use the button Outside the Procedure.",
                        complaint.name,
                    )
                )

    def action_open_outside_procedure_wizard(self):
        self.ensure_one()
        context = {"default_complaint_id": self.id}
        if self.suggested_ground_ids:
            context["default_ground_id"] = self.suggested_ground_ids[:1].id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Outside the Procedure"),
            "res_model": "klachtenbeheer.outside.procedure.wizard",
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _outside_procedure_date_due(self):
        """The date by which the complainant must hear of the non-handling.

        Awb 9:8 paragraph 3 gives public bodies four weeks (the profile's
        notice term); otherwise the answer term applies (004 §2.5: "within
        the agreed term").
        """
        self.ensure_one()
        weeks = self.term_profile_id.non_handling_weeks
        if not (weeks and self.date_received):
            return self.date_answer_due
        calendar = self._get_term_calendar()
        received = fields.Datetime.context_timestamp(self, self.date_received).date()
        due = self._working_day_on_or_after(calendar, received + timedelta(weeks=weeks))
        return min(due, self.date_answer_due) if self.date_answer_due else due

    def _send_outside_procedure_referral(self):
        """Send the referral to the complainant, or keep it to print.

        Without an e-mail address (an anonymous complaint, a letter) the
        referral is posted as a note for the handler to print or hand over.
        """
        template = self.env.ref("klachtenbeheer.mail_template_outside_procedure")
        for complaint in self:
            if complaint.partner_id.email or complaint.email_from:
                complaint.message_post_with_source(
                    template,
                    subtype_xmlid="mail.mt_comment",
                    email_layout_xmlid="mail.mail_notification_light",
                )
                continue
            complaint.message_post(
                body=Markup("<p><strong>%s</strong></p>%s")
                % (
                    self.env._(
                        "No e-mail address: print this referral and send it by "
                        "post, or hand it over."
                    ),
                    complaint.outside_procedure_referral or "",
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Serious suspicion of a criminal offence (004 §2.5, last line)
    # ------------------------------------------------------------------

    criminal_suspicion = fields.Boolean(
        string="Suspicion of a Criminal Offence",
        index=True,
        tracking=True,
        copy=False,
        readonly=True,
        help="Submitted to the board: only the board and the complaint "
        "coordinators see the complaint, and its terms stand still.",
    )
    criminal_suspicion_reason = fields.Text(
        string="Reason for the Suspicion", copy=False, readonly=True
    )
    criminal_suspicion_date = fields.Datetime(
        string="Submitted to the Board On", copy=False, readonly=True
    )
    criminal_suspicion_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Submitted By",
        copy=False,
        readonly=True,
    )

    def _board_members(self):
        """The board members of the complaint's company."""
        self.ensure_one()
        board = self.env.ref("klachtenbeheer.group_klachtenbeheer_board").sudo().users
        return board.filtered(
            lambda u: not u.share and self.company_id in u.company_ids
        )

    def _flag_criminal_suspicion(self, reason):
        """Submit the complaint to the board at once and suspend it.

        The board gets an activity each and one e-mail; from now on only the
        board and the coordinators see the complaint, so the rest runs as
        superuser: the person who flags it usually loses sight of it.
        """
        self.ensure_one()
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Describe why there is a serious suspicion of a criminal "
                    "offence: the board needs it to decide."
                )
            )
        if self.criminal_suspicion:
            raise UserError(
                self.env._(
                    "Complaint %s has already been submitted to the board.",
                    self.name,
                )
            )
        board = self._board_members()
        if not board:
            raise UserError(
                self.env._(
                    "Nobody in %(company)s is in the group Board: ask an "
                    "administrator to add the board members first.",
                    company=self.company_id.name,
                )
            )
        flagger = self.env.user
        now = fields.Datetime.now()
        complaint = self.sudo()
        vals = {
            "criminal_suspicion": True,
            "criminal_suspicion_reason": reason,
            "criminal_suspicion_date": now,
            "criminal_suspicion_user_id": flagger.id,
        }
        if not complaint.paused_since and not complaint.is_closed:
            # Suspended whatever the profile allows: the board decides first.
            vals["paused_since"] = now
        complaint.write(vals)
        summary = self.env._(
            "Complaint %(number)s: serious suspicion of a criminal offence",
            number=complaint.name,
        )
        note = Markup("<p>%s</p>") % reason
        for member in board:
            complaint.with_context(mail_activity_quick_update=True).activity_schedule(
                "klachtenbeheer.mail_activity_type_criminal_suspicion",
                date_deadline=fields.Date.context_today(self),
                summary=summary,
                note=note,
                user_id=member.id,
            )
        body = Markup("<p>%s</p><p>%s</p>%s<p>%s</p>") % (
            self.env._(
                "%(user)s submitted complaint %(number)s (%(subject)s) to the "
                "board: there is a serious suspicion of a criminal offence.",
                user=flagger.name,
                number=complaint.name,
                subject=complaint.subject,
            ),
            self.env._("Reason:"),
            note,
            self.env._(
                "The procedure is suspended; only the board and the complaint "
                "coordinators can see the complaint."
            ),
        )
        # One e-mail to the board at once, whatever their notification
        # preference; the mail queue sends it right after the commit.
        self.env["mail.mail"].sudo().create(
            {
                "subject": summary,
                "body_html": body,
                "recipient_ids": [Command.set(board.partner_id.ids)],
                "model": self._name,
                "res_id": complaint.id,
                "author_id": flagger.partner_id.id,
                "email_from": flagger.email_formatted
                or complaint.company_id.email_formatted,
                "auto_delete": False,
            }
        )
        self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        complaint.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def action_lift_criminal_suspicion(self):
        """The board or a coordinator returns the complaint to the procedure."""
        if not (
            self.env.user.has_group("klachtenbeheer.group_klachtenbeheer_board")
            or self.env.user.has_group(
                "klachtenbeheer.group_klachtenbeheer_coordinator"
            )
        ):
            raise AccessError(
                self.env._(
                    "Only the board or a complaint coordinator can return a "
                    "complaint with a suspicion of a criminal offence to the "
                    "procedure."
                )
            )
        flagged = self.filtered("criminal_suspicion")
        flagged.sudo().write({"criminal_suspicion": False})
        for complaint in flagged:
            complaint.sudo().message_post(
                body=self.env._(
                    "%s returned the complaint to the procedure.",
                    self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        flagged.sudo().action_resume_terms()
        activity_type = self.env.ref(
            "klachtenbeheer.mail_activity_type_criminal_suspicion"
        )
        flagged.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).action_feedback(feedback=self.env._("Returned to the procedure."))
        return True

    def action_open_criminal_suspicion_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Submit to the Board"),
            "res_model": "klachtenbeheer.criminal.suspicion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def _sync_term_activities(self):
        # A complaint before the board is suspended: its handler, who no
        # longer sees it, gets no term activities for it.
        flagged = self.filtered("criminal_suspicion")
        if flagged:
            types = [
                self.env.ref(xmlid, raise_if_not_found=False)
                for xmlid, _due, _done in self._term_activity_specs()
            ]
            self.env["mail.activity"].sudo().search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", flagged.ids),
                    ("activity_type_id", "in", [t.id for t in types if t]),
                ]
            ).unlink()
        return super(
            KlachtenbeheerComplaintProcedure, self - flagged
        )._sync_term_activities()
