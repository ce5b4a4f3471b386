# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The improvement cycle (Gids klachtenmanagement): analyse, learn, change the
# organisation.
ACTION_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]

EFFECTIVENESS_RESULTS = [
    ("effective", "Effective"),
    ("partly_effective", "Partly Effective"),
    ("not_effective", "Not Effective"),
]


class KlachtenbeheerImprovementAction(models.Model):
    """An action that removes the cause of complaints (Gids
    klachtenmanagement, Plan van aanpak Klantgericht werken,
    WMD-klachtenbeleid §3).

    The management team decides actions against repeat complaints and policy
    gaps each quarter (WMD-klachtenbeleid §3.1); the quarterly report lists
    them with their status (WMD-klachtenbeleid §3.2). Owner, hours and planned
    date come from the action table of the Plan van aanpak Klantgericht
    werken.
    """

    _name = "klachtenbeheer.improvement.action"
    _description = "Improvement Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_planned, id desc"

    name = fields.Char(string="Action", required=True, tracking=True)
    active = fields.Boolean(default=True)
    description = fields.Html(sanitize_style=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Owner",
        domain=[("share", "=", False)],
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        help="Who carries the action out and reports on it.",
    )
    team_id = fields.Many2one(
        comodel_name="klachtenbeheer.team",
        string="Team",
        index=True,
        tracking=True,
        check_company=True,
    )
    complaint_ids = fields.Many2many(
        comodel_name="klachtenbeheer.complaint",
        relation="klachtenbeheer_complaint_improvement_action_rel",
        column1="action_id",
        column2="complaint_id",
        string="Complaints",
        check_company=True,
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    root_cause = fields.Text(
        help="What causes the complaints: the structural problem this action "
        "takes away.",
    )
    date_planned = fields.Date(string="Planned Date", index=True, tracking=True)
    hours_planned = fields.Float(string="Planned Hours")
    hours_spent = fields.Float()
    state = fields.Selection(
        ACTION_STATES,
        string="Status",
        default="planned",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date_done = fields.Date(string="Done On", copy=False, readonly=True)
    effectiveness_date = fields.Date(
        string="Effectiveness Check",
        tracking=True,
        copy=False,
        help="When it is (or was) checked whether the action took the cause "
        "of the complaints away. Required to mark the action done.",
    )
    effectiveness_result = fields.Selection(
        EFFECTIVENESS_RESULTS,
        string="Effectiveness",
        tracking=True,
        copy=False,
    )
    effectiveness_notes = fields.Text(copy=False)

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for action in self:
            action.complaint_count = len(action.complaint_ids)

    @api.constrains("state", "effectiveness_date")
    def _check_effectiveness_date(self):
        for action in self:
            if action.state == "done" and not action.effectiveness_date:
                raise ValidationError(
                    self.env._(
                        "Improvement action %(action)s can only be done once the "
                        "date of its effectiveness check is set.",
                        action=action.name,
                    )
                )

    @api.constrains("hours_planned", "hours_spent")
    def _check_hours(self):
        for action in self:
            if action.hours_planned < 0 or action.hours_spent < 0:
                raise ValidationError(
                    self.env._("The planned and spent hours cannot be negative.")
                )

    def write(self, vals):
        if vals.get("state") == "done":
            vals.setdefault("date_done", fields.Date.context_today(self))
        elif vals.get("state") in ("planned", "in_progress"):
            vals["date_done"] = False
        res = super().write(vals)
        if vals.get("state") == "done":
            self._schedule_effectiveness_check()
        return res

    def _schedule_effectiveness_check(self):
        """A to-do for the owner on the date of the effectiveness check."""
        for action in self.filtered(
            lambda a: a.effectiveness_date and not a.effectiveness_result
        ):
            action.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=action.effectiveness_date,
                summary=self.env._("Check the effectiveness of the action"),
                user_id=(action.user_id or self.env.user).id,
            )

    def action_start(self):
        self.write({"state": "in_progress"})

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_reset(self):
        self.write({"state": "planned"})

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action"
        )
        action["domain"] = [("id", "in", self.complaint_ids.ids)]
        # Not the Open filter of the complaints menu: most are closed.
        action["context"] = {}
        action["view_mode"] = "list,form,kanban,pivot,graph"
        action["views"] = [
            (False, mode) for mode in ("list", "form", "kanban", "pivot", "graph")
        ]
        return action
