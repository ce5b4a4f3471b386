# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KlachtenbeheerComplaintExtension(models.Model):
    """One extension of the answer term (Awb 9:11), kept as history."""

    _name = "klachtenbeheer.complaint.extension"
    _description = "Complaint Term Extension"
    _order = "create_date, id"

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    weeks = fields.Integer(required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    complainant_consent = fields.Boolean(readonly=True)
    consent_note = fields.Text(readonly=True)
    date_due_before = fields.Date(string="Due Before", readonly=True)
    date_due_after = fields.Date(string="Due After", readonly=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Extended By",
        default=lambda self: self.env.user,
        readonly=True,
    )
