# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KlachtenbeheerTeam(models.Model):
    _name = "klachtenbeheer.team"
    _description = "Complaint Team"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text()
    color = fields.Integer()
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Team Manager",
        domain=[("share", "=", False)],
        tracking=True,
        help="The manager stays accountable for every complaint of the team.",
    )
    member_ids = fields.Many2many(
        comodel_name="res.users",
        relation="klachtenbeheer_team_res_users_rel",
        column1="team_id",
        column2="user_id",
        string="Members",
        domain=[("share", "=", False)],
    )
    jurist_id = fields.Many2one(
        comodel_name="res.users",
        string="Jurist",
        domain=lambda self: [
            ("share", "=", False),
            (
                "groups_id",
                "in",
                self.env.ref("klachtenbeheer.group_klachtenbeheer_jurist").ids,
            ),
        ],
        tracking=True,
        help="Reviews the team's complaints that a lawyer wrote or that "
        "threaten one, and records the legal advice before the answer goes "
        "(WMD-klachtenbeleid §2.6).",
    )
    term_profile_id = fields.Many2one(
        comodel_name="klachtenbeheer.term.profile",
        string="Term Profile",
        help="Terms for this team's complaints; empty: the company's.",
    )
    resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        help="Working days on which the team's terms are counted; empty: the "
        "company's.",
    )
    complaint_ids = fields.One2many(
        comodel_name="klachtenbeheer.complaint",
        inverse_name="team_id",
        string="Complaints",
    )
    open_complaint_count = fields.Integer(compute="_compute_complaint_counts")
    unassigned_complaint_count = fields.Integer(compute="_compute_complaint_counts")

    @api.depends("complaint_ids.is_closed", "complaint_ids.user_id")
    def _compute_complaint_counts(self):
        open_counts = dict.fromkeys(self.ids, 0)
        unassigned_counts = dict.fromkeys(self.ids, 0)
        groups = self.env["klachtenbeheer.complaint"]._read_group(
            [("team_id", "in", self.ids), ("is_closed", "=", False)],
            groupby=["team_id", "user_id"],
            aggregates=["__count"],
        )
        for team, user, count in groups:
            open_counts[team.id] += count
            if not user:
                unassigned_counts[team.id] += count
        for team in self:
            team.open_complaint_count = open_counts.get(team.id, 0)
            team.unassigned_complaint_count = unassigned_counts.get(team.id, 0)

    # The record rules of the complaints carry each user's team ids
    # (res.users.klachtenbeheer_team_ids); Odoo caches a user's rule domains.
    _RULE_FIELDS = ("member_ids", "user_id", "active")

    def _team_membership_changed(self):
        self.env["res.users"].invalidate_model(["klachtenbeheer_team_ids"])
        self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams._team_membership_changed()
        return teams

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in self._RULE_FIELDS):
            self._team_membership_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self._team_membership_changed()
        return res

    def action_view_open_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action"
        )
        action["domain"] = [("team_id", "=", self.id), ("is_closed", "=", False)]
        action["context"] = {"default_team_id": self.id}
        return action
