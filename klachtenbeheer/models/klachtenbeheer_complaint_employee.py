# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KlachtenbeheerComplaint(models.Model):
    """The employee a complaint is about without a user account: field staff,
    a contractor's people (WMD-klachtenbeleid §1.2). A contact that belongs to
    an internal user names that user as ``user_concerned_id``, so every rule about the
    employee concerned (Awb 9:7: never sees or follows the complaint) holds
    for them; a contact without user cannot log in, and is kept out of the
    complaint's notifications and followers the same way."""

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
        for vals in vals_list:
            self._sync_employee_concerned_vals(vals)
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
