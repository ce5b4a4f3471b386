# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The parts of a complaint, each judged on its own: a complaint about a
late repair and a rude mechanic may be founded on the one and unfounded on
the other (Checklist klachtenprocedure: investigate the facts and judge each part; the
decision letter gives the findings and verdict per part).

An element is part of its complaint: who may read or change the complaint
may read or change its elements, nobody else (the complaint's record rules
decide, through ``_search`` and ``_check_access``)."""

from odoo import fields, models

from .klachtenbeheer_complaint import VALIDITIES


class KlachtenbeheerComplaintElement(models.Model):
    _name = "klachtenbeheer.complaint.element"
    _inherit = ["klachtenbeheer.complaint.part.mixin"]
    _description = "Complaint Element"
    _order = "complaint_id, sequence, id"

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Complaint Element",
        required=True,
        help="One thing the complainant complains about, in a few words.",
    )
    findings = fields.Text(help="What the investigation found on this part.")
    validity = fields.Selection(VALIDITIES, string="Verdict")


class KlachtenbeheerComplaint(models.Model):
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    element_ids = fields.One2many(
        comodel_name="klachtenbeheer.complaint.element",
        inverse_name="complaint_id",
        string="Complaint Elements",
        copy=True,
        groups="base.group_user",
    )

    def _anonymise_related(self, ids):  # pylint: disable=missing-return
        # What the parts said of the complainant goes with the rest; the
        # verdicts stay for the figures.
        super()._anonymise_related(ids)
        self.env["klachtenbeheer.complaint.element"].flush_model()
        self.env.cr.execute(
            """
            UPDATE klachtenbeheer_complaint_element
               SET name = '-', findings = NULL
             WHERE complaint_id = ANY(%s)
            """,
            [list(ids)],
        )
        self.env["klachtenbeheer.complaint.element"].invalidate_model(
            ["name", "findings"]
        )
