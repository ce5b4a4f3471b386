"""Take the screenshots of docs/learning.md from a running demo.

Usage: python docs/tools/learning_screenshots.py [BASE_URL] [OUT_DIR]

Same set-up as docs/tools/screenshots.py (playwright, /usr/bin/chromium):
the coordinator's improvement actions, one action, the MT agenda, the
analysis pivot and the repeat complainants.
"""

import sys
from pathlib import Path

import screenshots
from playwright.sync_api import sync_playwright
from screenshots import CHROMIUM_ARGS, login, rpc, shot

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8069"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/img")
screenshots.BASE = BASE
screenshots.OUT = OUT
ACTIONS = "action-klachtenbeheer.klachtenbeheer_improvement_action_action"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = login(context, "coordinator")

        page.goto(f"{BASE}/odoo/{ACTIONS}")
        page.wait_for_selector(".o_data_row")
        shot(page, "learning-01-actions")

        records = rpc(
            page,
            "klachtenbeheer.improvement.action",
            "search_read",
            [[["state", "=", "done"], ["effectiveness_result", "!=", False]]],
            {"fields": ["id"], "limit": 1},
        )
        page.goto(f"{BASE}/odoo/{ACTIONS}/{records[0]['id']}")
        page.wait_for_selector(".o_form_view")
        shot(page, "learning-02-action")

        page.goto(
            f"{BASE}/odoo/action-klachtenbeheer.klachtenbeheer_complaint_report_action"
        )
        page.wait_for_selector(".o_pivot")
        shot(page, "learning-03-analysis")

        page.goto(
            f"{BASE}/odoo/action-klachtenbeheer.klachtenbeheer_pattern_complainant_action"
        )
        page.wait_for_selector(".o_list_view")
        shot(page, "learning-04-complainants")
        browser.close()


if __name__ == "__main__":
    main()
