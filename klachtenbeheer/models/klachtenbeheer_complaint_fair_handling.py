# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty


# One class per topic of the complaint (procedure, fair handling, intake,
# ...): a file per topic keeps each rule set with its tests and docs.
class KlachtenbeheerComplaintFairHandling(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    """Fair handling (Awb 9:7, 9:10; Utrecht interview; WMD-klachtenbeleid §1.3, §2.3).

    The employee a complaint is about may not handle it (the team manager
    takes it over); the complainant who asks for a hearing or a three-way
    conversation gets one, or the reason why not is recorded, before a
    decision.
    """

    _inherit = "klachtenbeheer.complaint"

    hearing_ids = fields.One2many(
        comodel_name="klachtenbeheer.hearing",
        inverse_name="complaint_id",
        string="Hearings",
    )
    no_hearing_reason = fields.Text(
        string="Reason for Not Hearing",
        tracking=True,
        help="Why the complainant was not heard although a hearing or a "
        "three-way conversation was asked for (Awb 9:10 (2)): e.g. the "
        "complaint is obviously unfounded, the complainant waived the hearing "
        "or did not respond.",
    )
    escalation_ids = fields.One2many(
        comodel_name="klachtenbeheer.escalation",
        inverse_name="complaint_id",
        string="Escalations",
    )
    escalation_count = fields.Integer(compute="_compute_escalation_count")
    is_escalated = fields.Boolean(
        string="Escalated",
        compute="_compute_is_escalated",
        store=True,
        precompute=True,
        index=True,
        help="The complainant took the complaint to the regional complaints "
        "committee or the ombudsman.",
    )
    measures_taken = fields.Html(
        sanitize_style=True,
        help="What the organisation changed so that it does not happen again "
        "(003: always say which structural actions follow). Part of the "
        "decision letter.",
    )
    date_decision_sent = fields.Datetime(
        string="Decision Sent On",
        copy=False,
        readonly=True,
        tracking=True,
        help="When the decision letter was sent to the complainant, with a copy "
        "to the team manager (WMD-klachtenbeleid §2.3).",
    )
    hearing_required = fields.Boolean(
        compute="_compute_hearing_required",
        help="The complainant asked for a hearing or a three-way conversation.",
    )

    can_assign_manager = fields.Boolean(
        compute="_compute_can_assign_manager",
        help="The complaint is about an employee and the team manager, who is "
        "not that employee, does not handle it yet.",
    )

    @api.depends("user_id", "user_concerned_id", "team_id.user_id", "is_closed")
    def _compute_can_assign_manager(self):
        for complaint in self:
            manager = complaint.team_id.user_id
            complaint.can_assign_manager = bool(
                not complaint.is_closed
                and complaint.user_concerned_id
                and manager
                and manager != complaint.user_concerned_id
                and complaint.user_id != manager
            )

    @api.depends("escalation_ids")
    def _compute_escalation_count(self):
        for complaint in self:
            complaint.escalation_count = len(complaint.escalation_ids)

    @api.depends("escalation_ids")
    def _compute_is_escalated(self):
        for complaint in self:
            complaint.is_escalated = bool(complaint.escalation_ids)

    def action_view_escalations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_escalation_action"
        )
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {"default_complaint_id": self.id}
        if self.escalation_count == 1:
            action.update(views=[(False, "form")], res_id=self.escalation_ids.id)
        return action

    @api.depends("handling_preference")
    def _compute_hearing_required(self):
        for complaint in self:
            complaint.hearing_required = complaint.handling_preference in (
                "hearing",
                "three_way",
            )

    def _get_missing_decision_fields(self):
        """A hearing or three-way conversation asked for is held first.

        With the preference *hearing* (Utrecht interview, Awb 9:10) or *three-way
        conversation* (Utrecht interview) a decision needs a held one of that kind, with
        minutes, or a recorded reason for not hearing.
        """
        missing = super()._get_missing_decision_fields()
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

    def _get_missing_closing_fields(self):
        """A complainant who asked for a hearing gets the decision letter
        before the complaint closes (Awb 9:12), unless they waived the hearing
        (the reason for not hearing) or left no address (anonymous)."""
        missing = super()._get_missing_closing_fields()
        if (
            self.handling_preference == "hearing"
            and not self.no_hearing_reason
            and not self.is_anonymous
            and not self.date_decision_sent
        ):
            missing.append(self.env._("the decision letter sent to the complainant"))
        return missing

    def _guarded_fields(self):
        return super()._guarded_fields() | {"date_decision_sent"}

    @api.constrains("handling_preference", "no_hearing_reason")
    def _check_decision_hearing(self):
        # The core constraint watches the stage, validity and answer; these
        # fields decide about the hearing.
        self._check_decision()

    @api.constrains("user_id", "user_concerned_id")
    def _check_handler_not_concerned(self):
        for complaint in self:
            if complaint.user_id and complaint.user_id == complaint.user_concerned_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot handle complaint %(number)s: the "
                        "complaint is about %(user)s, and nobody handles a "
                        "complaint about their own conduct (Awb 9:7). Assign "
                        "the complaint to the team manager or another "
                        "colleague.",
                        user=complaint.user_id.name,
                        number=complaint.name,
                    )
                )

    @api.onchange("user_concerned_id")
    def _onchange_user_concerned_id(self):
        # Filling in the employee concerned when that employee handles the
        # complaint: the manager takes it over at once instead of an error on
        # saving.
        if not (self.user_id and self.user_id == self.user_concerned_id):
            return None
        manager = self._get_impartial_handler(self.user_id, self.user_concerned_id)
        self.user_id = manager
        return {
            "warning": {
                "title": self.env._("Handler Replaced"),
                "message": self.env._(
                    "%(user)s is the employee concerned and cannot handle this "
                    "complaint (Awb 9:7). It is now assigned to %(manager)s.",
                    user=self.user_concerned_id.name,
                    manager=manager.name or self.env._("nobody"),
                ),
            }
        }

    def _get_impartial_handler(self, handler, concerned, team=None):
        """The handler to use when ``handler`` was chosen automatically.

        ``handler`` itself unless it is the employee ``concerned``; then the
        team manager, or nobody when the manager is concerned too (a
        coordinator assigns). Override to route elsewhere; automatic
        assignment (defaults, triage) should go through here.
        """
        team = team if team is not None else self.team_id
        if not handler or handler != concerned:
            return handler
        manager = team.user_id
        if manager and manager != concerned:
            return manager
        return self.env["res.users"]

    @api.model_create_multi
    def create(self, vals_list):
        default_handler = self.env.context.get("default_user_id")
        Team = self.env["klachtenbeheer.team"]
        Users = self.env["res.users"]
        for vals in vals_list:
            concerned_id = vals.get("user_concerned_id")
            if not concerned_id or "user_id" in vals or not default_handler:
                # An explicit choice is checked by the constraint.
                continue
            handler = self._get_impartial_handler(
                Users.browse(default_handler),
                Users.browse(concerned_id),
                team=Team.browse(vals.get("team_id")),
            )
            vals["user_id"] = handler.id
        return super().create(vals_list)

    def action_assign_manager(self):
        """Hand the complaint to the team manager (Awb 9:7)."""
        for complaint in self:
            manager = complaint.team_id.user_id
            if not manager:
                raise UserError(
                    self.env._(
                        "Team %(team)s has no manager: choose a team with a "
                        "manager, or ask a complaint coordinator to assign a "
                        "handler to complaint %(number)s.",
                        team=complaint.team_id.name or "-",
                        number=complaint.name,
                    )
                )
            if manager == complaint.user_concerned_id:
                raise UserError(
                    self.env._(
                        "The team manager %(manager)s is the employee "
                        "concerned and cannot handle complaint %(number)s "
                        "(Awb 9:7): a complaint coordinator assigns another "
                        "handler.",
                        manager=manager.name,
                        number=complaint.name,
                    )
                )
            complaint.user_id = manager
        return True

    # ------------------------------------------------------------------
    # Decision letter (Utrecht interview, Checklist klachtenprocedure,
    # WMD-klachtenbeleid §2.3)
    # ------------------------------------------------------------------

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
