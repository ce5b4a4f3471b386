"""Uninstall all our addons and check that nothing of them is left.

Run inside ``odoo-bin shell -d DB`` (``env`` is given by the shell) on a
database where the addons are installed; exits non-zero and says what is
left behind otherwise.
"""

import sys

modules = env["ir.module.module"].search(  # noqa: F821
    [("name", "=like", "klachtenbeheer%"), ("state", "=", "installed")]
)
ADDONS = modules.mapped("name")
assert set(modules.mapped("state")) == {"installed"}, modules.mapped("state")
modules.button_immediate_uninstall()
env.cr.commit()  # noqa: F821
env.invalidate_all()  # noqa: F821

problems = []
states = env["ir.module.module"].search([("name", "in", ADDONS)]).mapped("state")  # noqa: F821
if set(states) != {"uninstalled"}:
    problems.append(f"module states after uninstall: {states}")
cr = env.cr  # noqa: F821
cr.execute(
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = 'public' AND table_name LIKE 'klachtenbeheer%%'"
)
problems += [f"table left: {row[0]}" for row in cr.fetchall()]
cr.execute(
    "SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = 'public' AND (column_name LIKE 'klachtenbeheer%%' "
    "OR (table_name = 'survey_user_input' AND column_name = 'complaint_id'))"
)
problems += [f"column left: {t}.{c}" for t, c in cr.fetchall()]
cr.execute("SELECT model FROM ir_model WHERE model LIKE 'klachtenbeheer%%'")
problems += [f"model left: {row[0]}" for row in cr.fetchall()]
cr.execute("SELECT module, name FROM ir_model_data WHERE module IN %s", [tuple(ADDONS)])
problems += [f"xml id left: {m}.{n}" for m, n in cr.fetchall()]
cr.execute("SELECT count(*) FROM ir_ui_menu WHERE web_icon LIKE 'klachtenbeheer,%%'")
if cr.fetchone()[0]:
    problems.append("menu left")

if problems:
    print("UNINSTALL NOT CLEAN:\n  " + "\n  ".join(problems))
    sys.exit(1)
print("uninstall clean: no table, column, model, menu or xml id of the addons left")
