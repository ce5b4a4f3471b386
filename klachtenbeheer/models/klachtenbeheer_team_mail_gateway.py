# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize, email_split
from odoo.tools.safe_eval import safe_eval


class KlachtenbeheerTeam(models.Model):
    """A team receives complaints by e-mail on its own alias (klachten@)."""

    _name = "klachtenbeheer.team"
    _inherit = ["klachtenbeheer.team", "mail.alias.mixin"]

    form_mailer_email = fields.Char(
        string="Web Form Sender",
        help="The address(es) the organisation's own website sends its "
        "complaint forms from (e.g. noreply@example.com), comma-separated. A "
        "mail from it is a web form complaint: the complainant is read from "
        "the form's fields and Reply-To. Without it, form mails are "
        "recognised by their no-reply sender or Reply-To and their fields.",
    )

    @api.constrains("form_mailer_email")
    def _check_form_mailer_email(self):
        for team in self:
            value = team.form_mailer_email or ""
            addresses = email_split(value)
            if value.strip() and (
                not addresses or not all(email_normalize(a) for a in addresses)
            ):
                raise ValidationError(
                    self.env._("%(value)s is not a valid e-mail address.", value=value)
                )

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
