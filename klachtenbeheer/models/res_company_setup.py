# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.working_days import DEFAULT_TZ as DUTCH_TZ

COMPLAINT_SEQUENCE_CODE = "klachtenbeheer.complaint"


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    klachtenbeheer_sequence_id = fields.Many2one(
        comodel_name="ir.sequence",
        string="Complaint Numbering",
        compute="_compute_klachtenbeheer_sequence_id",
        compute_sudo=True,
    )

    def _compute_klachtenbeheer_sequence_id(self):
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", COMPLAINT_SEQUENCE_CODE),
                    ("company_id", "in", self.ids),
                ],
                order="id",
            )
        )
        by_company = {}
        for sequence in sequences:
            by_company.setdefault(sequence.company_id.id, sequence)
        for company in self:
            company.klachtenbeheer_sequence_id = by_company.get(company.id, False)

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._klachtenbeheer_setup_company()
        return companies

    def _klachtenbeheer_setup_company(self):
        """A new company counts its complaint terms on Dutch working days
        from the start (Algemene termijnenwet: Dutch public holidays; the
        Amsterdam time zone) and numbers its complaints on its own."""
        calendars = self.sudo().resource_calendar_id
        # Its own new calendar (not one shared with another company) takes
        # the Dutch time zone, whatever the creating user's is.
        calendars.filtered(lambda c: c.company_id in self).write({"tz": DUTCH_TZ})
        year = fields.Date.context_today(self).year
        calendars._klachtenbeheer_add_dutch_holidays([year, year + 1])
        self._klachtenbeheer_ensure_complaint_sequences()

    @api.model
    def _klachtenbeheer_dutch_calendar_tz(self):
        """The companies' calendars still in UTC (a new database) count in
        Dutch time, so a holiday starts at midnight in the Netherlands."""
        calendars = self.sudo().search([]).resource_calendar_id
        calendars.filtered(lambda c: c.tz in (False, "UTC")).write({"tz": DUTCH_TZ})

    @api.model
    def _klachtenbeheer_ensure_complaint_sequences(self):
        """Each company its own complaint numbering (a municipality does
        not share a housing corporation's numbers).

        The numbering without a company (the one before numbering per
        company) goes to the first company, so its numbers run on; every
        other company gets a new one. Rerunning adds nothing.
        """
        Sequence = self.env["ir.sequence"].sudo()
        companies = self or self.search([], order="id")
        companies = companies.sudo().filtered(
            lambda company: not company.klachtenbeheer_sequence_id
        )
        if not companies:
            return Sequence
        shared = self.env.ref(
            "klachtenbeheer.seq_klachtenbeheer_complaint", raise_if_not_found=False
        )
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        created = Sequence
        for company in companies:
            if shared and not shared.company_id and company == main:
                shared.company_id = company
                continue
            created |= Sequence.create(company._klachtenbeheer_sequence_values())
        self.invalidate_model(["klachtenbeheer_sequence_id"])
        return created

    def _klachtenbeheer_sequence_values(self):
        """Values of a company's new complaint numbering. The prefix carries
        the company's id, as complaint numbers are unique over all
        companies; a coordinator changes it in the settings."""
        self.ensure_one()
        return {
            "name": self.env._("Complaint (%(company)s)", company=self.name),
            "code": COMPLAINT_SEQUENCE_CODE,
            "prefix": f"KL{self.id}/%(year)s/",
            "padding": 5,
            "implementation": "standard",
            "company_id": self.id,
        }
