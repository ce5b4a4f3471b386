# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

DASHBOARD_XMLID = (
    "klachtenbeheer_spreadsheet_dashboard.spreadsheet_dashboard_complaints"
)
KIND_DOMAIN = ["kind", "=", "complaint"]


def only_complaints(snapshot):
    """Add ``kind = complaint`` to every pivot and chart of ``snapshot``."""
    for pivot in snapshot.get("pivots", {}).values():
        if KIND_DOMAIN not in pivot["domain"]:
            pivot["domain"].append(KIND_DOMAIN)
    for sheet in snapshot.get("sheets", []):
        for figure in sheet.get("figures", []):
            params = figure.get("data", {}).get("searchParams")
            if params is not None and KIND_DOMAIN not in params["domain"]:
                params["domain"].append(KIND_DOMAIN)
    return snapshot


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

    def get_readonly_dashboard(self):
        result = super().get_readonly_dashboard()
        # Once the core tells complaints from repair requests and other
        # redirected messages (field ``kind``), only complaints count. The
        # JSON file cannot know whether the field exists: the filter is added
        # when the dashboard is opened.
        if (
            "kind" in self.env["klachtenbeheer.complaint"]._fields
            and not result.get("is_sample")
            and self == self.env.ref(DASHBOARD_XMLID, raise_if_not_found=False)
        ):
            only_complaints(result["snapshot"])
        return result
