# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

DEFAULT_EXTENSIONS = "pdf,jpg,jpeg,png,docx"


class ResCompany(models.Model):
    _inherit = "res.company"

    klachtenbeheer_web_team_id = fields.Many2one(
        comodel_name="klachtenbeheer.team",
        string="Web Form Team",
        help="Team that gets the complaints sent through the web form when "
        "their category names none.",
    )
    klachtenbeheer_web_max_upload_mb = fields.Integer(
        string="Maximum Size of the Attachments (MB)",
        default=10,
        help="Total size of the files one complaint may carry.",
    )
    klachtenbeheer_web_extensions = fields.Char(
        string="Allowed File Types",
        default=DEFAULT_EXTENSIONS,
        help="File name extensions accepted on the web form, separated by commas.",
    )
    klachtenbeheer_web_rate_limit = fields.Integer(
        string="Web Complaints per Hour",
        default=5,
        help="At most this many complaints per hour from one e-mail address and "
        "from one internet address; more are refused as probable spam.",
    )
    klachtenbeheer_web_privacy_url = fields.Char(
        string="Privacy Statement Link",
        help="Address of the privacy statement the complainant accepts.",
    )
    klachtenbeheer_web_privacy_text = fields.Text(
        string="Privacy Statement",
        translate=True,
        help="Short text next to the privacy checkbox; empty: a standard text.",
    )

    def _klachtenbeheer_web_extensions(self):
        self.ensure_one()
        raw = self.klachtenbeheer_web_extensions or DEFAULT_EXTENSIONS
        return {
            ext.strip().lower().lstrip(".")
            for ext in raw.replace(";", ",").split(",")
            if ext.strip()
        }
