# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Klachtenbeheer - dashboard",
    "summary": "Spreadsheet dashboard with the coordinator's complaint figures",
    "version": "18.0.1.0.0",
    "category": "Services/Complaints",
    "license": "AGPL-3",
    "author": "klachtenbeheer contributors, Odoo Community Association (OCA)",
    "development_status": "Alpha",
    "depends": ["klachtenbeheer", "spreadsheet_dashboard"],
    "data": [
        "data/spreadsheet_dashboard_data.xml",
    ],
    "installable": True,
}
