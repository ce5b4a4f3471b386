# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A record that is part of one complaint (an element, a suggestion) is read
and changed by whoever may read and change that complaint, and by no one
else: the complaint's record rules (teams, never about oneself, Awb 9:7;
crime suspicion, WMD-klachtenbeleid §2.5) hold for its parts too."""

from odoo import api, models
from odoo.osv import expression


class KlachtenbeheerComplaintPartMixin(models.AbstractModel):
    _name = "klachtenbeheer.complaint.part.mixin"
    _description = "Part of a Complaint (access through the complaint)"

    @api.model
    def _search(self, domain, *args, **kwargs):
        if not self.env.su:
            domain = expression.AND(
                [
                    domain,
                    [
                        (
                            "complaint_id",
                            "in",
                            self.env["klachtenbeheer.complaint"]._search([]),
                        )
                    ],
                ]
            )
        return super()._search(domain, *args, **kwargs)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not self:
            return result
        complaints = self.sudo().complaint_id.with_env(self.env)
        forbidden = complaints._check_access("read" if operation == "read" else "write")
        if not forbidden:
            return None
        refused = self.filtered(lambda part: part.sudo().complaint_id in forbidden[0])
        return refused, forbidden[1]
