# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The decision on a complaint: validity and answer, remedies and measures,
what the answer waits for (the legal advice, the manager's approval,
WMD-klachtenbeleid §2.6; a hearing asked for, Awb 9:10), what closing needs
(Awb 9:12) and the decision letter (WMD-klachtenbeleid §2.3)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

from .klachtenbeheer_complaint import VALIDITIES


# One class per topic of the complaint (procedure, decision, intake, ...):
# a file per topic keeps each rule set with its tests and docs.
class KlachtenbeheerComplaintDecision(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------

    # Judgement, answer, remedies (Checklist klachtenprocedure)
    validity = fields.Selection(VALIDITIES, tracking=True)
    answer = fields.Html(string="Answer / Decision", sanitize_style=True)
    remedy_ids = fields.Many2many(
        comodel_name="klachtenbeheer.remedy",
        relation="klachtenbeheer_complaint_remedy_rel",
        column1="complaint_id",
        column2="remedy_id",
        string="Remedies",
    )
    compensation_amount = fields.Monetary(currency_field="currency_id")
    measures_taken = fields.Html(
        sanitize_style=True,
        help="What the organisation changed so that it does not happen again "
        "(Checklist klachtenprocedure: always say which structural actions "
        "follow). Part of the decision letter.",
    )

    # A hearing asked for comes before the decision (Awb 9:10)
    hearing_required = fields.Boolean(
        compute="_compute_hearing_required",
        help="The complainant asked for a hearing or a three-way conversation.",
    )
    no_hearing_reason = fields.Text(
        string="Reason for Not Hearing",
        tracking=True,
        help="Why the complainant was not heard although a hearing or a "
        "three-way conversation was asked for (Awb 9:10 (2)): e.g. the "
        "complaint is obviously unfounded, the complainant waived the hearing "
        "or did not respond.",
    )

    # What the answer waits for (WMD-klachtenbeleid §2.6)
    needs_legal_advice = fields.Boolean(
        compute="_compute_needs_legal_advice",
        store=True,
        precompute=True,
        help="A lawyer wrote the complaint or it threatens one: a jurist's "
        "advice comes before the answer (WMD-klachtenbeleid §2.6).",
    )
    can_record_legal_advice = fields.Boolean(compute="_compute_can_record_legal_advice")
    legal_advice = fields.Html(copy=False, sanitize_style=True)
    legal_advisor_id = fields.Many2one(
        comodel_name="res.partner",
        string="Legal Advisor",
        copy=False,
        # Deleting or merging a contact checks this column: without an index
        # a scan of the whole register per contact.
        index="btree_not_null",
        help="Who gave the legal advice: the jurist, or the lawyer the "
        "jurist consulted.",
    )
    legal_advice_date = fields.Date(string="Advice Received On", copy=False)
    answer_approved_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Answer Approved By",
        copy=False,
        readonly=True,
        tracking=True,
    )
    answer_approved_date = fields.Datetime(
        string="Answer Approved On", copy=False, readonly=True
    )
    can_approve_answer = fields.Boolean(compute="_compute_can_approve_answer")

    # The decision letter (WMD-klachtenbeleid §2.3)
    date_decision_sent = fields.Datetime(
        string="Decision Sent On",
        copy=False,
        readonly=True,
        tracking=True,
        help="When the decision letter was sent to the complainant, with a copy "
        "to the team manager (WMD-klachtenbeleid §2.3).",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("handling_preference")
    def _compute_hearing_required(self):
        for complaint in self:
            complaint.hearing_required = complaint.handling_preference in (
                "hearing",
                "three_way",
            )

    @api.depends_context("uid")
    @api.depends("team_id.user_id", "repeat_reason")
    def _compute_can_approve_answer(self):
        for complaint in self:
            complaint.can_approve_answer = (
                complaint.repeat_reason == "employee_again"
                and complaint._is_manager_of(self.env.user)
            )

    @api.depends("repeat_reason", "is_lawyer_letter")
    def _compute_needs_legal_advice(self):
        for complaint in self:
            complaint.needs_legal_advice = (
                complaint.repeat_reason == "lawyer" or complaint.is_lawyer_letter
            )

    @api.depends_context("uid")
    def _compute_can_record_legal_advice(self):
        jurist = self.env.user.has_group("klachtenbeheer.group_klachtenbeheer_jurist")
        for complaint in self:
            complaint.can_record_legal_advice = jurist

    # ------------------------------------------------------------------
    # Constraints: what a decision and closing need
    # ------------------------------------------------------------------

    @api.constrains(
        "stage_id", "validity", "answer", "handling_preference", "no_hearing_reason"
    )
    def _check_decision(self):
        # (The hearing's own changes re-run it: klachtenbeheer.hearing.)
        for complaint in self:
            if not complaint.stage_id.require_decision:
                continue
            missing = complaint._get_missing_closing_fields()
            if missing:
                raise ValidationError(
                    self.env._(
                        "Complaint %(number)s cannot move to stage %(stage)s "
                        "yet. Please fill in: %(fields)s.",
                        number=complaint.name,
                        stage=complaint.stage_id.name,
                        fields=", ".join(missing),
                    )
                )

    @api.constrains("stage_id")
    def _check_procedure_answer_gates(self):
        todo = self.filtered(
            lambda c: (
                (c.repeat_reason in ("lawyer", "employee_again") or c.is_lawyer_letter)
                and not c.stage_id.require_decision
            )
        )
        if not todo:
            return
        first = self.env["klachtenbeheer.stage"].search(
            [("term_done", "=", "answer")], order="sequence", limit=1
        )
        for complaint in todo:
            stage = complaint.stage_id
            answer_goes = stage.term_done == "answer" or (
                first and stage.sequence >= first.sequence and not stage.is_closed
            )
            missing = answer_goes and complaint._procedure_answer_blockers()
            if missing:
                raise ValidationError(
                    self.env._(
                        "The answer to complaint %(number)s cannot go yet. "
                        "Please record first: %(fields)s.",
                        number=complaint.name,
                        fields=", ".join(missing),
                    )
                )

    def _get_missing_closing_fields(self):
        """What a complaint still needs before it is closed: the decision,
        and what must have happened with it. Override to require more.

        A complainant who asked for a hearing gets the decision letter
        before the complaint closes (Awb 9:12), unless they waived the hearing
        (the reason for not hearing) or left no address (anonymous)."""
        missing = self._get_missing_decision_fields()
        if (
            self.handling_preference == "hearing"
            and not self.no_hearing_reason
            and not self.is_anonymous
            and not self.date_decision_sent
        ):
            missing.append(self.env._("the decision letter sent to the complainant"))
        return missing

    def _get_missing_decision_fields(self):
        """Return the labels of the fields a decision still needs.

        Validity and answer; what the answer waits for (the legal advice, the
        manager's approval, WMD-klachtenbeleid §2.6); and a hearing or
        three-way conversation asked for is held first: with the preference
        *hearing* (Utrecht interview, Awb 9:10) or *three-way conversation*
        (Utrecht interview) a decision needs a held one of that kind, with
        minutes, or a recorded reason for not hearing.

        Override to require more before a complaint is closed.
        """
        self.ensure_one()
        missing = []
        if not self.validity:
            missing.append(self._fields["validity"]._description_string(self.env))
        if is_html_empty(self.answer):
            missing.append(self._fields["answer"]._description_string(self.env))
        missing += self._procedure_answer_blockers()
        kind = self.handling_preference
        if kind not in ("hearing", "three_way") or self.no_hearing_reason:
            return missing
        held = self.hearing_ids.filtered(
            lambda h: (
                h.kind == kind and h.state == "held" and not is_html_empty(h.minutes)
            )
        )
        if not held:
            if kind == "hearing":
                missing.append(
                    self.env._(
                        "a held hearing with minutes, or the reason for not hearing"
                    )
                )
            else:
                missing.append(
                    self.env._(
                        "a held three-way conversation with minutes, or the "
                        "reason for not holding one"
                    )
                )
        return missing

    def _procedure_answer_blockers(self):
        """Labels of what must be recorded before the answer can go."""
        self.ensure_one()
        missing = []
        lawyer = self.repeat_reason == "lawyer" or self.is_lawyer_letter
        if lawyer and is_html_empty(self.legal_advice):
            missing.append(self._fields["legal_advice"]._description_string(self.env))
        if self.repeat_reason == "employee_again" and not self.answer_approved_by_id:
            missing.append(
                self._fields["answer_approved_by_id"]._description_string(self.env)
            )
        return missing

    def _guarded_fields(self):
        return super()._guarded_fields() | {
            "answer_approved_by_id",
            "answer_approved_date",
            "date_decision_sent",
        }

    def _field_owners(self):
        jurist = ("klachtenbeheer.group_klachtenbeheer_jurist",)
        return super()._field_owners() | {
            "legal_advice": jurist,
            "legal_advisor_id": jurist,
            "legal_advice_date": jurist,
        }

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        if any(vals.get("legal_advice") for vals in vals_list):
            complaints._record_legal_advice()
        return complaints

    def write(self, vals):
        approved = self.filtered("answer_approved_by_id") if "answer" in vals else ()
        res = super().write(vals)
        if "legal_advice" in vals:
            self._record_legal_advice()
        if approved:
            # A changed answer needs a new approval.
            approved.sudo().write(
                {"answer_approved_by_id": False, "answer_approved_date": False}
            )
        return res

    # ------------------------------------------------------------------
    # Mail: a message to the complainant waits for what the answer waits for
    # ------------------------------------------------------------------

    def message_post(self, **kwargs):
        """A message to the complainant may carry the answer: it waits for
        what the answer waits for (the manager's approval, the legal advice,
        WMD-klachtenbeleid §2.6), whether it is posted in the chatter, by the
        mail composer or over RPC. Internal notes, the complainant's own
        messages and the system's notices (as superuser) go as always."""
        if (
            not self.env.su
            and not self.env.user.share
            and self._is_customer_post(kwargs)
        ):
            for complaint in self:
                missing = complaint._procedure_answer_blockers()
                if missing:
                    raise UserError(
                        self.env._(
                            "No message can go to the complainant of complaint "
                            "%(number)s yet: it could carry the answer, which "
                            "waits for %(fields)s. Write an internal note, or "
                            "record that first.",
                            number=complaint.name,
                            fields=", ".join(missing),
                        )
                    )
        return super().message_post(**kwargs)

    def _is_customer_post(self, kwargs):
        """Whether a post is a message to the complainant (not an internal
        note)."""
        if kwargs.get("message_type", "notification") == "user_notification":
            return False
        subtype_id = kwargs.get("subtype_id")
        if not subtype_id:
            xmlid = kwargs.get("subtype_xmlid") or "mail.mt_note"
            subtype_id = self.env["ir.model.data"]._xmlid_to_res_id(xmlid)
        return not self.env["mail.message.subtype"].browse(subtype_id).internal

    # ------------------------------------------------------------------
    # Actions: legal advice, approval, the decision letter (Utrecht
    # interview, Checklist klachtenprocedure, WMD-klachtenbeleid §2.3)
    # ------------------------------------------------------------------

    def _record_legal_advice(self):
        """The jurist recorded the advice: who and when go on the chatter,
        the advisor and date default to the jurist and today, and the legal
        review is done (WMD-klachtenbeleid §2.6)."""
        activity_type = self.env.ref("klachtenbeheer.mail_activity_type_legal_review")
        for complaint in self.filtered(lambda c: not is_html_empty(c.legal_advice)):
            defaults = {}
            if not complaint.legal_advisor_id:
                defaults["legal_advisor_id"] = self.env.user.partner_id.id
            if not complaint.legal_advice_date:
                defaults["legal_advice_date"] = fields.Date.context_today(self)
            if defaults:
                complaint.sudo().write(defaults)
            complaint.message_post(
                body=self.env._(
                    "Legal advice recorded by %(user)s (advisor: %(advisor)s).",
                    user=self.env.user.name,
                    advisor=complaint.legal_advisor_id.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            complaint.sudo().activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ).action_feedback(feedback=self.env._("Legal advice recorded."))

    def action_approve_answer(self):
        for complaint in self:
            if not complaint._is_manager_of(self.env.user):
                raise AccessError(
                    self.env._(
                        "Only the manager of the team can approve the answer of "
                        "complaint %s.",
                        complaint.name,
                    )
                )
            if is_html_empty(complaint.answer):
                raise UserError(
                    self.env._(
                        "Write the answer of complaint %s before approving it.",
                        complaint.name,
                    )
                )
            complaint.sudo().write(
                {
                    "answer_approved_by_id": self.env.uid,
                    "answer_approved_date": fields.Datetime.now(),
                }
            )
            activity_type = self.env.ref(
                "klachtenbeheer.mail_activity_type_answer_approval"
            )
            complaint.sudo().activity_ids.filtered(
                lambda a, activity_type=activity_type: (
                    a.activity_type_id == activity_type
                )
            ).action_feedback(feedback=self.env._("Answer approved."))
        return True

    def action_send_decision(self):
        """Open the composer with the decision letter attached.

        It goes to the complainant with a copy to the team manager (WMD-klachtenbeleid
        §2.3); sending marks the decision as sent.
        """
        self.ensure_one()
        missing = self._get_missing_decision_fields()
        if missing:
            raise UserError(
                self.env._(
                    "The decision on complaint %(number)s is not complete yet. "
                    "Please fill in: %(fields)s.",
                    number=self.name,
                    fields=", ".join(missing),
                )
            )
        if not (self.partner_id or self.email_from):
            raise UserError(
                self.env._(
                    "Complaint %(number)s has no contact or e-mail address: "
                    "print the decision letter and send it by post.",
                    number=self.name,
                )
            )
        template = self.env.ref("klachtenbeheer.mail_template_decision")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Decision"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "klachtenbeheer.mail_layout_complainant",
                "force_email": True,
            },
        }

    def _mark_decision_sent(self):
        """Stamp the decision as sent; the answer term is met. Called when
        the composer sends the decision template (mail.compose.message)."""
        now = fields.Datetime.now()
        self.filtered(lambda c: not c.date_decision_sent).sudo().write(
            {"date_decision_sent": now}
        )
        self._mark_terms_done("date_answered")
        self._sync_term_activities()
