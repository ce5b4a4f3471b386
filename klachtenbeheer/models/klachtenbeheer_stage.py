# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KlachtenbeheerStage(models.Model):
    _name = "klachtenbeheer.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Fold this stage in the kanban view when it holds no complaints to show.",
    )
    is_closed = fields.Boolean(
        string="Closed Stage",
        help="Complaints in this stage are finished: the close date is "
        "stamped and they no longer count as open.",
    )
    require_decision = fields.Boolean(
        string="Requires Decision",
        help="A complaint can only enter this stage once its validity and "
        "its answer have been filled in.",
    )
    term_done = fields.Selection(
        [("acknowledgement", "Acknowledgement"), ("answer", "Answer")],
        string="Meets Term",
        help="Reaching this stage meets this term of the complaint.",
    )
    mail_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="E-mail Template",
        domain=[("model", "=", "klachtenbeheer.complaint")],
        help="Sent to the complainant when a complaint reaches this stage.",
    )
    is_outside_procedure = fields.Boolean(
        string="Outside the Procedure",
        help="Complaints reach this stage through the wizard Outside the "
        "Procedure, with a ground and a referral to the complainant.",
    )
