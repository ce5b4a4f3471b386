# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.1: the rule for a suspected offence given back by the board
names the complaints' ids (WMD-klachtenbeleid §2.5).

The rules are noupdate data, so an upgrade does not rewrite them. A rule
that still has the domain of 18.0.1.2.0 gets the new one; a rule that an
administrator changed is kept as it is.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.klachtenbeheer import _rewrite_rule_domains

RULES = {
    "klachtenbeheer_complaint_rule_board_access": (
        "[('criminal_suspicion', '=', True), "
        "('criminal_access_user_ids', 'in', [user.id])]",
        "[('criminal_suspicion', '=', True), "
        "('id', 'in', user.klachtenbeheer_criminal_access_ids.ids)]",
    ),
}


def rewrite_rules(env):
    """Rewrite the rules that still hold the old domain; return them."""
    return _rewrite_rule_domains(env, RULES)


def migrate(cr, version):
    if not version:
        return
    rewrite_rules(api.Environment(cr, SUPERUSER_ID, {}))
