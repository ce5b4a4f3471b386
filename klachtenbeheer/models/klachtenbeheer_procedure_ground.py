# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KlachtenbeheerProcedureGround(models.Model):
    """A reason not to handle a complaint on substance (WMD-klachtenbeleid
    §2.5, Awb 9:8).

    The complainant still gets, within the term, the reason and a referral:
    the referral text is the body of that message.
    """

    _name = "klachtenbeheer.procedure.ground"
    _description = "Ground for Not Handling a Complaint"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short reference, e.g. the article it comes from.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to use this ground in every company.",
    )
    applies_to = fields.Selection(
        [("all", "All Complaints"), ("public_body", "Public Bodies (Awb) Only")],
        required=True,
        default="all",
        help="Grounds of the General Administrative Law Act (Awb 9:8) are "
        "offered only for complaints whose term profile is a public body's.",
    )
    referral_text = fields.Html(
        sanitize_style=True,
        help="The reason and the referral sent to the complainant; the "
        "handler can still adapt it before sending.",
    )
    keywords = fields.Char(
        help="Comma-separated words; a complaint whose subject or description "
        "contains them suggests this ground (until the register has taught "
        "the suggestions enough). A person confirms it.",
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    def _compute_complaint_count(self):
        counts = dict(
            self.env["klachtenbeheer.complaint"]._read_group(
                [("outside_procedure_ground_id", "in", self.ids)],
                groupby=["outside_procedure_ground_id"],
                aggregates=["__count"],
            )
        )
        for ground in self:
            ground.complaint_count = counts.get(ground, 0)

    def _keyword_list(self):
        self.ensure_one()
        return [
            word.strip().lower()
            for word in (self.keywords or "").split(",")
            if word.strip()
        ]

    @api.model
    def _available_domain(self, complaint):
        """Grounds a complaint may be put outside the procedure on."""
        domain = [("company_id", "in", [False, complaint.company_id.id])]
        if not complaint.term_profile_id.is_public_body:
            domain.append(("applies_to", "=", "all"))
        return domain

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action"
        )
        action["domain"] = [("outside_procedure_ground_id", "=", self.id)]
        action["context"] = {}
        return action
