# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint's form, list, search and pivot views hold what views of
this addon added to them before (the employee concerned, fair handling,
procedure, privacy, triage, improvement, periods, suggestions).

Those inheriting views go before the data is loaded: left in place until
the end of the upgrade, they would be applied to the base views that now
hold their content, and fail (a replaced node is no longer there) or
double it."""

from odoo.tools import SQL

FOLDED_VIEWS = (
    "klachtenbeheer_complaint_view_form_employee",
    "klachtenbeheer_complaint_view_search_employee",
    "klachtenbeheer_complaint_view_form_fair_handling",
    "klachtenbeheer_complaint_view_search_fair_handling",
    "klachtenbeheer_complaint_view_form_procedure",
    "klachtenbeheer_complaint_view_search_procedure",
    "klachtenbeheer_complaint_view_form_privacy",
    "klachtenbeheer_complaint_view_form_triage",
    "klachtenbeheer_complaint_view_list_triage",
    "klachtenbeheer_complaint_view_search_triage",
    "klachtenbeheer_complaint_view_form_improvement",
    "klachtenbeheer_complaint_view_pivot_periods",
    "klachtenbeheer_complaint_view_search_periods",
    "klachtenbeheer_complaint_view_form_suggestion",
    "klachtenbeheer_complaint_view_list_suggestion",
)


def remove_folded_views(cr):
    """Delete the folded inheriting views and their xml ids."""
    cr.execute(
        SQL(
            "DELETE FROM ir_model_data WHERE module = 'klachtenbeheer' "
            "AND model = 'ir.ui.view' AND name IN %s RETURNING res_id",
            FOLDED_VIEWS,
        )
    )
    view_ids = tuple(row[0] for row in cr.fetchall())
    if view_ids:
        cr.execute(SQL("DELETE FROM ir_ui_view WHERE id IN %s", view_ids))


def migrate(cr, version):
    if version:
        remove_folded_views(cr)
