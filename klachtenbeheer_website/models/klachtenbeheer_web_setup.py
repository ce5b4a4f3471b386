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

    @api.depends("channel", "company_id.klachtenbeheer_web_mailer_email")
    def _compute_mail_sender(self):
        return super()._compute_mail_sender()

    def _klachtenbeheer_mail_sender(self):
        """A web form complaint whose team has no complaint address of its
        own writes from the company's web form sender (set in the settings),
        before the company's general address."""
        self.ensure_one()
        team = self.sudo().team_id
        company = self.sudo().company_id
        if (
            self.channel == "web_form"
            and not (team.alias_name and team.alias_domain_id)
            and company.klachtenbeheer_web_mailer_email
        ):
            return formataddr((company.name, company.klachtenbeheer_web_mailer_email))
        return super()._klachtenbeheer_mail_sender()
