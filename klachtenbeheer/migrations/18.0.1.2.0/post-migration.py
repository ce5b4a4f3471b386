# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the handlers' record rules name their teams' ids.

The rules are noupdate data, so an upgrade does not rewrite them. A rule
that still has the domain of 18.0.1.1.0 gets the new one; a rule that an
administrator changed is kept as it is.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.klachtenbeheer import _rewrite_rule_domains

MEMBER = "('team_id.member_ids', 'in', [user.id]), ('team_id.user_id', '=', user.id)"
TEAM = "('team_id', 'in', user.klachtenbeheer_team_ids.ids)"
ON_COMPLAINT = (
    "('complaint_id.team_id.member_ids', 'in', [user.id]), "
    "('complaint_id.team_id.user_id', '=', user.id)"
)
COMPLAINT_TEAM = "('complaint_id.team_id', 'in', user.klachtenbeheer_team_ids.ids)"

RULES = {
    "klachtenbeheer_complaint_rule_handler": (
        f"[('criminal_suspicion', '=', False), '|', {MEMBER}]",
        f"[('criminal_suspicion', '=', False), {TEAM}]",
    ),
    "klachtenbeheer_improvement_action_rule_handler": (
        f"['|', '|', ('user_id', '=', user.id), {MEMBER}]",
        f"['|', ('user_id', '=', user.id), {TEAM}]",
    ),
    "klachtenbeheer_complaint_report_rule_handler": (
        f"['|', '|', '|', {MEMBER}, ('registered_by_id', '=', user.id), "
        "('user_id', '=', user.id)]",
        f"['|', '|', {TEAM}, ('registered_by_id', '=', user.id), "
        "('user_id', '=', user.id)]",
    ),
    "klachtenbeheer_hearing_rule_handler": (
        f"[('complaint_id.criminal_suspicion', '=', False), '|', {ON_COMPLAINT}]",
        f"[('complaint_id.criminal_suspicion', '=', False), {COMPLAINT_TEAM}]",
    ),
    "klachtenbeheer_escalation_rule_handler": (
        f"[('complaint_id.criminal_suspicion', '=', False), '|', {ON_COMPLAINT}]",
        f"[('complaint_id.criminal_suspicion', '=', False), {COMPLAINT_TEAM}]",
    ),
}


def rewrite_rules(env):
    """Rewrite the rules that still hold the old domain; return them."""
    return _rewrite_rule_domains(env, RULES)


def migrate(cr, version):
    if not version:
        return
    rewrite_rules(api.Environment(cr, SUPERUSER_ID, {}))
