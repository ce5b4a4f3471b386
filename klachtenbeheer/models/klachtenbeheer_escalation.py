# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

ESCALATION_BODIES = [
    ("committee", "Regional Complaints Committee"),
    ("ombudsman", "Ombudsman"),
    ("other", "Other"),
]

ADVICE_OUTCOMES = [
    ("founded", "Founded"),
    ("partly_founded", "Partly Founded"),
    ("unfounded", "Unfounded"),
    ("not_admissible", "Not Admissible"),
]


class KlachtenbeheerEscalation(models.Model):
    """The complainant takes the complaint further (WMD-klachtenbeleid §1.3, Awb 9:18).

    A corporation's tenant goes to the regional complaints committee, which
    hears both sides and advises the board; the board decides within a month
    of the advice. A citizen goes to the (Nationale or municipal) ombudsman.
    """

    _name = "klachtenbeheer.escalation"
    _description = "Complaint Escalation"
    _order = "date_submitted desc, id desc"

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    body = fields.Selection(
        ESCALATION_BODIES,
        string="Submitted To",
        required=True,
        default="committee",
    )
    body_name = fields.Char(
        string="Name of the Body",
        help="E.g. Regionale Klachtencommissie Delft e.o., Nationale ombudsman.",
    )
    reference = fields.Char(help="The body's own case number.")
    date_submitted = fields.Date(
        string="Submitted On", required=True, default=fields.Date.context_today
    )
    date_hearing = fields.Date(string="Hearing On")
    date_advice = fields.Date(string="Advice On")
    advice = fields.Html(sanitize_style=True)
    advice_outcome = fields.Selection(ADVICE_OUTCOMES)
    date_decision_due = fields.Date(
        string="Decision Due",
        compute="_compute_date_decision_due",
        store=True,
        index=True,
        help="The board decides within one month of the advice.",
    )
    board_decision = fields.Html(string="Board's Decision", sanitize_style=True)
    date_decided = fields.Date(string="Decided On")
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("advised", "Advised"),
            ("decided", "Decided"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
    )
    activity_id = fields.Many2one(
        comodel_name="mail.activity",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    @api.depends("body", "body_name", "date_submitted")
    def _compute_display_name(self):
        bodies = dict(self._fields["body"]._description_selection(self.env))
        for escalation in self:
            escalation.display_name = " ".join(
                filter(
                    None,
                    [
                        escalation.body_name or bodies.get(escalation.body),
                        escalation.date_submitted
                        and escalation.date_submitted.strftime("%d-%m-%Y"),
                    ],
                )
            )

    @api.depends("date_advice")
    def _compute_date_decision_due(self):
        for escalation in self:
            escalation.date_decision_due = (
                escalation.date_advice + relativedelta(months=1)
                if escalation.date_advice
                else False
            )

    @api.depends("date_advice", "advice", "date_decided")
    def _compute_state(self):
        for escalation in self:
            if escalation.date_decided:
                escalation.state = "decided"
            elif escalation.date_advice:
                escalation.state = "advised"
            else:
                escalation.state = "submitted"

    @api.constrains(
        "date_submitted",
        "date_hearing",
        "date_advice",
        "advice",
        "advice_outcome",
        "date_decided",
        "board_decision",
    )
    def _check_dates(self):
        for escalation in self:
            submitted = escalation.date_submitted
            if escalation.date_hearing and escalation.date_hearing < submitted:
                raise ValidationError(
                    self.env._(
                        "The hearing (%(hearing)s) cannot take place before the "
                        "complaint was submitted (%(submitted)s).",
                        hearing=escalation.date_hearing.strftime("%d-%m-%Y"),
                        submitted=submitted.strftime("%d-%m-%Y"),
                    )
                )
            if escalation.date_advice and escalation.date_advice < submitted:
                raise ValidationError(
                    self.env._(
                        "The advice (%(advice)s) cannot predate the submission "
                        "(%(submitted)s).",
                        advice=escalation.date_advice.strftime("%d-%m-%Y"),
                        submitted=submitted.strftime("%d-%m-%Y"),
                    )
                )
            if escalation.date_advice and (
                is_html_empty(escalation.advice) or not escalation.advice_outcome
            ):
                raise ValidationError(
                    self.env._(
                        "An advice needs its text and its outcome (founded, "
                        "partly founded, unfounded or not admissible)."
                    )
                )
            decided = escalation.date_decided or not is_html_empty(
                escalation.board_decision
            )
            if decided and not escalation.date_advice:
                raise ValidationError(
                    self.env._(
                        "The board decides on the advice: record the advice "
                        "(date, text and outcome) before the decision."
                    )
                )
            if escalation.date_decided and is_html_empty(escalation.board_decision):
                raise ValidationError(
                    self.env._("Please write down the board's decision.")
                )
            if escalation.date_decided and escalation.date_decided < (
                escalation.date_advice
            ):
                raise ValidationError(
                    self.env._(
                        "The decision (%(decided)s) cannot predate the advice "
                        "(%(advice)s).",
                        decided=escalation.date_decided.strftime("%d-%m-%Y"),
                        advice=escalation.date_advice.strftime("%d-%m-%Y"),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        escalations = super().create(vals_list)
        escalations._sync_activity()
        return escalations

    def write(self, vals):
        res = super().write(vals)
        if {"date_advice", "date_decided"}.intersection(vals):
            self._sync_activity()
        return res

    def unlink(self):
        self.activity_id.sudo().unlink()
        return super().unlink()

    def _sync_activity(self):
        """An advised, undecided escalation is an activity on its due date.

        For the team manager (who prepares the board's decision), else the
        handler.
        """
        activity_type = self.env.ref(
            "klachtenbeheer.mail_activity_type_board_decision",
            raise_if_not_found=False,
        )
        if not activity_type:
            return
        model_id = self.env["ir.model"]._get_id("klachtenbeheer.complaint")
        Activity = self.env["mail.activity"].sudo()
        for escalation in self:
            activity = escalation.activity_id
            if escalation.state != "advised":
                if activity and escalation.state == "decided":
                    activity._action_done()
                elif activity:
                    activity.unlink()
                continue
            complaint = escalation.complaint_id
            user = complaint.team_id.user_id or complaint._term_activity_user()
            if activity:
                activity.write(
                    {
                        "date_deadline": escalation.date_decision_due,
                        "user_id": user.id,
                    }
                )
                continue
            escalation.sudo().activity_id = Activity.create(
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": complaint.id,
                    "date_deadline": escalation.date_decision_due,
                    "user_id": user.id,
                    "summary": activity_type.summary,
                }
            )


class KlachtenbeheerComplaint(models.Model):
    """The complaint's escalations: taken further by the complainant
    (WMD-klachtenbeleid §1.3, Awb 9:18)."""

    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

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
