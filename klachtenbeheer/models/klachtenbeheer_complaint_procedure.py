# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Procedure rules of 004 §2.4-2.6: outside the procedure, suspicion of a
criminal offence, policy routing and repeat complaints."""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
