# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Klachtenbeheer - tevredenheidsonderzoek",
    "summary": "Measure complainant satisfaction with the handling after closure",
    "version": "18.0.1.1.0",
    "category": "Services/Complaints",
    "license": "AGPL-3",
    "author": "klachtenbeheer contributors, Odoo Community Association (OCA)",
    "development_status": "Alpha",
    "depends": ["klachtenbeheer", "survey"],
    "data": [
        "security/klachtenbeheer_survey_security.xml",
        "security/ir.model.access.csv",
        "data/survey_survey_data.xml",
        "data/klachtenbeheer_stage_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/klachtenbeheer_complaint_views.xml",
        "views/klachtenbeheer_stage_views.xml",
        "views/klachtenbeheer_team_views.xml",
        "views/survey_views.xml",
        "views/res_config_settings_views.xml",
        "views/klachtenbeheer_survey_report_views.xml",
    ],
    "demo": [
        "demo/klachtenbeheer_survey_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "klachtenbeheer_survey/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
