# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
from datetime import date, timedelta

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import working_days

COORDINATOR_GROUP = "klachtenbeheer.group_klachtenbeheer_coordinator"


class KlachtenbeheerRegisterExport(models.TransientModel):
    """The complaint register for publication (Awb 9:12a).

    One row per complaint received in the period, with only what the public
    may see: no names, contact details, addresses, the person complained
    about or free text (a description or answer may name people).
    """

    _name = "klachtenbeheer.register.export"
    _description = "Complaint Register Export"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self._default_period()[0],
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: self._default_period()[1],
    )
    file_format = fields.Selection(
        [("xlsx", "Excel (XLSX)"), ("csv", "CSV")],
        string="Format",
        required=True,
        default="xlsx",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.model
    def _default_period(self):
        """Last calendar year: the register is published once a year."""
        year = fields.Date.context_today(self).year - 1
        return date(year, 1, 1), date(year, 12, 31)

    # ------------------------------------------------------------------
    # Rows
    # ------------------------------------------------------------------

    def _get_complaint_domain(self):
        """Complaints published in the register: those received in the period.

        Override to publish more or fewer."""
        self.ensure_one()
        Complaint = self.env["klachtenbeheer.complaint"]
        start, stop = Complaint._report_period_bounds(
            self.date_from, self.date_to + timedelta(days=1)
        )
        return Complaint._report_base_domain() + [
            ("company_id", "=", self.company_id.id),
            ("date_received", ">=", start),
            ("date_received", "<", stop),
        ]

    def _get_columns(self):
        """(header, function complaint -> cell value) per column.

        Only anonymous facts: nothing here may identify the complainant or
        the employee concerned (Awb 9:12a, AVG)."""
        Complaint = self.env["klachtenbeheer.complaint"]
        channels = dict(Complaint._fields["channel"]._description_selection(self.env))
        validities = dict(
            Complaint._fields["validity"]._description_selection(self.env)
        )
        yes, no = self.env._("Yes"), self.env._("No")
        tz_name = Complaint._report_tz().zone

        def day(value):
            if not value:
                return ""
            return working_days.local_date(value, tz_name).isoformat()

        def on_time(complaint):
            if complaint.answer_timeliness == "on_time":
                return yes
            if complaint.answer_timeliness == "late":
                return no
            return ""

        return [
            (self.env._("Number"), lambda c: c.name),
            (self.env._("Received On"), lambda c: day(c.date_received)),
            (self.env._("Category"), lambda c: c.category_id.name or ""),
            (self.env._("Channel"), lambda c: channels.get(c.channel, "")),
            (self.env._("Team"), lambda c: c.team_id.name or ""),
            (self.env._("Stage"), lambda c: c.stage_id.name or ""),
            (self.env._("Validity"), lambda c: validities.get(c.validity, "")),
            (self.env._("Answered On Time"), on_time),
            (self.env._("Answered On"), lambda c: day(c.date_answered)),
            (self.env._("Closed On"), lambda c: day(c.date_closed)),
            (
                self.env._("Remedies"),
                lambda c: ", ".join(c.remedy_ids.mapped("name")),
            ),
        ]

    def _get_rows(self):
        """Header row and one row per complaint, ordered by receipt."""
        self.ensure_one()
        self._check_coordinator()
        complaints = self.env["klachtenbeheer.complaint"].search(
            self._get_complaint_domain(), order="date_received, id"
        )
        columns = self._get_columns()
        rows = [[header for header, _cell in columns]]
        # The recordset prefetches every field used, in batches: no query
        # per complaint.
        rows += [[cell(c) for _header, cell in columns] for c in complaints]
        return rows

    # ------------------------------------------------------------------
    # Files
    # ------------------------------------------------------------------

    def _check_coordinator(self):
        if not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(
                self.env._("Only a complaint coordinator can export the register.")
            )

    @api.model
    def _to_csv(self, rows):
        buffer = io.StringIO()
        # Semicolons: Dutch spreadsheets open them in columns.
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
        # A BOM so Excel reads the accents as UTF-8.
        return buffer.getvalue().encode("utf-8-sig")

    @api.model
    def _to_xlsx(self, rows):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Complaint Register")[:31])
        bold = workbook.add_format({"bold": True})
        for row_index, row in enumerate(rows):
            sheet.write_row(row_index, 0, row, bold if row_index == 0 else None)
        for column, header in enumerate(rows[0]):
            width = max(len(str(row[column])) for row in rows) + 2
            sheet.set_column(column, column, min(max(width, len(header) + 2), 50))
        sheet.freeze_panes(1, 0)
        workbook.close()
        return buffer.getvalue()

    def _get_file(self):
        """(file name, bytes) of the register in the chosen format."""
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        rows = self._get_rows()
        if self.file_format == "csv":
            content = self._to_csv(rows)
        else:
            content = self._to_xlsx(rows)
        name = "{}_{}_{}.{}".format(
            self.env._("complaint-register"),
            self.date_from.isoformat(),
            self.date_to.isoformat(),
            self.file_format,
        )
        return name, content

    def action_export(self):
        self.ensure_one()
        name, content = self._get_file()
        self.write({"file_name": name, "file_data": base64.b64encode(content)})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{name}"
            "?download=true",
            "target": "self",
        }
