# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from email.utils import formataddr

from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    klachtenbeheer_web_mailer_email = fields.Char(
        string="Sender of Web Form Mails",
        help="The From address of the mails of the web form's complaints "
        "(acknowledgement and the like) when their team has no e-mail "
        "address of its own, e.g. klachten@woningcorporatie.nl.",
    )

    def _klachtenbeheer_web_default_team(self):
        """The team of web form complaints whose category names none: the
        company's web form team, else its first team; without teams the
        complaint waits unassigned in the coordinators' queue."""
        self.ensure_one()
        return self.klachtenbeheer_web_team_id or self.env[
            "klachtenbeheer.team"
        ].sudo().search([("company_id", "=", self.id)], limit=1)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    klachtenbeheer_web_mailer_email = fields.Char(
        related="company_id.klachtenbeheer_web_mailer_email", readonly=False
    )

    def _klachtenbeheer_setup_checks(self):
        checks = super()._klachtenbeheer_setup_checks()
        company = self.company_id.sudo()
        checks.append(
            {
                "key": "web_team",
                "label": self.env._("Web form team"),
                "done": bool(company.klachtenbeheer_web_team_id),
                "action": "klachtenbeheer.res_config_settings_action_klachtenbeheer",
            }
        )
        return checks


class KlachtenbeheerComplaint(models.Model):
    _inherit = "klachtenbeheer.complaint"

    def _klachtenbeheer_web_mailer(self):
        """The From of a mail of the web form flow: the team's own address,
        else the company's web form sender (False: Odoo's default)."""
        self.ensure_one()
        if self.channel != "web_form" or self.team_id.alias_email:
            return False
        email = self.company_id.sudo().klachtenbeheer_web_mailer_email
        return email and formataddr((self.company_id.name, email))

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        # Only what goes out by itself (the intake cron's acknowledgement,
        # the form's own mails), never a handler's reply: those carry the
        # system's or the public user's own address, or none.
        user = self.env.user
        if (
            len(self) == 1
            and (user._is_superuser() or user._is_public())
            and kwargs.get("email_from") in (None, False, user.email_formatted)
            and self._klachtenbeheer_is_comment(kwargs)
        ):
            mailer = self._klachtenbeheer_web_mailer()
            if mailer:
                kwargs["email_from"] = mailer
        return super().message_post(**kwargs)

    def _klachtenbeheer_is_comment(self, kwargs):
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        if kwargs.get("subtype_xmlid"):
            return kwargs["subtype_xmlid"] == "mail.mt_comment"
        return kwargs.get("subtype_id") == comment
