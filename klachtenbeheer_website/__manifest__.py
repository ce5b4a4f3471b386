# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Klachtenbeheer Website",
    "summary": "Public complaint web form (e-formulier) on the Odoo website",
    "version": "18.0.1.0.0",
    "category": "Services/Complaints",
    "license": "AGPL-3",
    "author": "klachtenbeheer contributors, Odoo Community Association (OCA)",
    "development_status": "Alpha",
    "depends": ["website", "klachtenbeheer"],
    "data": [
        "security/ir.model.access.csv",
        "views/klachtenbeheer_website_templates.xml",
        "views/klachtenbeheer_category_views.xml",
        "views/res_config_settings_views.xml",
        "data/website_menu_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "klachtenbeheer_website/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
