# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

COORDINATOR_GROUP = "klachtenbeheer.group_klachtenbeheer_coordinator"


class KlachtenbeheerReportWizard(models.TransientModel):
    """Choose the period and teams of the quarterly report or annual overview
    (WMD-klachtenbeleid §3.2)."""

    _name = "klachtenbeheer.report.wizard"
    _description = "Complaint Report"

    year = fields.Integer(
        required=True,
        default=lambda self: self._default_quarter()[0],
    )
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        required=True,
        default=lambda self: str(self._default_quarter()[1]),
    )
    scope = fields.Selection(
        [("organisation", "Whole Organisation"), ("teams", "Per Team")],
        required=True,
        default="organisation",
    )
    team_ids = fields.Many2many(
        comodel_name="klachtenbeheer.team",
        string="Teams",
        help="Leave empty for every team.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )

    @api.model
    def _default_quarter(self):
        """The last quarter that has ended: the one to report on."""
        today = fields.Date.context_today(self)
        quarter = (today.month - 1) // 3  # the previous quarter, 0 = last year's Q4
        if quarter == 0:
            return today.year - 1, 4
        return today.year, quarter

    def _check_coordinator(self):
        if not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(
                self.env._("Only a complaint coordinator can print complaint reports.")
            )

    def _get_report_data(self):
        self.ensure_one()
        self._check_coordinator()
        if not 2000 <= self.year <= 2999:
            raise UserError(self.env._("Enter a year such as 2026."))
        teams = self.team_ids
        if self.scope == "teams" and not teams:
            teams = self.env["klachtenbeheer.team"].search(
                [("company_id", "=", self.company_id.id)]
            )
        return {
            "year": self.year,
            "quarter": int(self.quarter),
            "team_ids": teams.ids if self.scope == "teams" else [],
            "company_id": self.company_id.id,
        }

    def action_print_quarterly(self):
        return self.env.ref("klachtenbeheer.action_report_quarterly").report_action(
            self, data=self._get_report_data()
        )

    def action_print_annual(self):
        return self.env.ref("klachtenbeheer.action_report_annual").report_action(
            self, data=self._get_report_data()
        )
