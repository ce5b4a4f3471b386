# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.safe_eval import safe_eval


class KlachtenbeheerTeam(models.Model):
    """A team receives complaints by e-mail on its own alias (klachten@)."""

    _name = "klachtenbeheer.team"
    _inherit = ["klachtenbeheer.team", "mail.alias.mixin"]

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id(
            "klachtenbeheer.complaint"
        )
        if self.id:
            values["alias_defaults"] = defaults = safe_eval(self.alias_defaults or "{}")
            defaults["team_id"] = self.id
            defaults["company_id"] = self.company_id.id
        return values
