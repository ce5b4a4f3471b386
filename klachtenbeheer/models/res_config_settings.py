# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Gids klachtenmanagement, "registreer op elke werkplek"; WMD-klachtenbeleid
    # §1.4. Odoo's settings pattern: on, the Internal User group implies the
    # complaint user group (on from install, see post_init_hook); off, the
    # internal users who are complaint users only through it lose the group.
    group_klachtenbeheer_user = fields.Boolean(
        string="Every employee registers complaints",
        implied_group="klachtenbeheer.group_klachtenbeheer_user",
        group="base.group_user",
        help="Every internal user is a complaint user: registers complaints and "
        "sees the ones they registered or handle (Gids klachtenmanagement: "
        "'registreer op elke werkplek'; WMD-klachtenbeleid §1.4). Off: only "
        "the users with a complaint role.",
    )
    klachtenbeheer_allow_anonymous = fields.Boolean(
        related="company_id.klachtenbeheer_allow_anonymous",
        readonly=False,
    )
    klachtenbeheer_term_profile_id = fields.Many2one(
        related="company_id.klachtenbeheer_term_profile_id",
        readonly=False,
    )

    # Complaints by e-mail
    klachtenbeheer_mail_unknown_sender = fields.Selection(
        related="company_id.klachtenbeheer_mail_unknown_sender",
        readonly=False,
    )
    klachtenbeheer_mail_closed_policy = fields.Selection(
        related="company_id.klachtenbeheer_mail_closed_policy",
        readonly=False,
    )
    klachtenbeheer_mail_max_attachment_mb = fields.Integer(
        related="company_id.klachtenbeheer_mail_max_attachment_mb",
        readonly=False,
    )
    klachtenbeheer_retention_months = fields.Integer(
        related="company_id.klachtenbeheer_retention_months", readonly=False
    )
    klachtenbeheer_retention_redirect_months = fields.Integer(
        related="company_id.klachtenbeheer_retention_redirect_months",
        readonly=False,
    )
    klachtenbeheer_retention_mail_months = fields.Integer(
        related="company_id.klachtenbeheer_retention_mail_months", readonly=False
    )
    klachtenbeheer_retention_keep_employee = fields.Boolean(
        related="company_id.klachtenbeheer_retention_keep_employee",
        readonly=False,
    )
