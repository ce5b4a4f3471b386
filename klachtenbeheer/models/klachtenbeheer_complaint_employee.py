# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class KlachtenbeheerComplaint(models.Model):
    """The employee a complaint is about without a user account: field staff,
    a contractor's people (WMD-klachtenbeleid §1.2). A contact that belongs to
    an internal user names that user as ``user_concerned_id``, so every rule about the
    employee concerned (Awb 9:7: never sees or follows the complaint) holds
    for them; a contact without user cannot log in, and is kept out of the
    complaint's notifications and followers the same way.

    Nobody handles a complaint about their own conduct (Awb 9:7): the team
    manager takes it over."""

    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    employee_concerned_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Employee (No User)",
        index="btree_not_null",
        tracking=True,
        groups="base.group_user",
        help="The employee the complaint is about when they have no user "
        "account, e.g. field staff or a contractor's employee. A contact of a "
        "user becomes the Employee Concerned.",
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

    @api.model
    def _employee_concerned_user(self, partner_id):
        """The internal user of the contact named, if any."""
        if not partner_id:
            return self.env["res.users"]
        partner = self.env["res.partner"].sudo().browse(partner_id)
        return partner.user_ids.filtered(lambda u: not u.share)[:1]

    def _sync_employee_concerned_vals(self, vals):
        # The contact of a user is that user: the rules follow the user.
        if vals.get("employee_concerned_partner_id") and not vals.get(
            "user_concerned_id"
        ):
            user = self._employee_concerned_user(vals["employee_concerned_partner_id"])
            if user:
                vals["user_concerned_id"] = user.id

    @api.model_create_multi
    def create(self, vals_list):
        default_handler = self.env.context.get("default_user_id")
        Team = self.env["klachtenbeheer.team"]
        Users = self.env["res.users"]
        for vals in vals_list:
            self._sync_employee_concerned_vals(vals)
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
        complaints = super().create(vals_list)
        if any(vals.get("employee_concerned_partner_id") for vals in vals_list):
            complaints.sudo()._unsubscribe_user_concerned()
        return complaints

    def write(self, vals):
        self._sync_employee_concerned_vals(vals)
        res = super().write(vals)
        if vals.get("employee_concerned_partner_id"):
            self.sudo()._unsubscribe_user_concerned()
        return res

    def _employee_concerned_partners(self):
        """The contacts of the employee concerned: the user's and the one
        named without user (Awb 9:7)."""
        return (
            super()._employee_concerned_partners() | self.employee_concerned_partner_id
        )

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
