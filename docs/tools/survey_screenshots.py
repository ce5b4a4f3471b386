"""Take the screenshots of docs/survey.md from a running demo.

Usage: python docs/tools/survey_screenshots.py [BASE_URL] [OUT_DIR]

Same set-up as docs/tools/screenshots.py (playwright, /usr/bin/chromium):
the coordinator's satisfaction analysis (pivot and graph), a closed
complaint with its grades, the settings, and the public survey page as the
complainant sees it.
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
REPORT = "action-klachtenbeheer_survey.klachtenbeheer_survey_report_action"
COMPLAINTS = "action-klachtenbeheer.klachtenbeheer_complaint_action"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = login(context, "coordinator")

        # Pivot: team x quarter, grades and response rate.
        page.goto(f"{BASE}/odoo/{REPORT}")
        page.wait_for_selector(".o_pivot")
        shot(page, "survey-01-pivot")

        # Pivot by validity: the outcome grade follows the decision.
        page.goto(f"{BASE}/odoo/{REPORT}")
        page.wait_for_selector(".o_pivot")
        page.click(".o_pivot_header_cell_opened")  # collapse "Team"
        page.click(".o_pivot_header_cell_closed")
        page.click(".o-dropdown--menu .dropdown-item:has-text('Gegrondheid')")
        page.wait_for_timeout(800)
        shot(page, "survey-02-pivot-validity")

        # Graph over time.
        page.goto(f"{BASE}/odoo/{REPORT}?view_type=graph")
        page.wait_for_selector(".o_graph_renderer canvas")
        shot(page, "survey-03-graph")

        # A closed complaint with its grades.
        records = rpc(
            page,
            "klachtenbeheer.complaint",
            "search_read",
            [[["survey_state", "=", "done"]]],
            {"fields": ["id"], "limit": 1, "order": "survey_date_done desc"},
        )
        page.goto(f"{BASE}/odoo/{COMPLAINTS}/{records[0]['id']}")
        page.wait_for_selector(".o_form_view")
        page.click(".o_notebook .nav-link:has-text('Tevredenheid')")
        page.locator(".o_notebook").scroll_into_view_if_needed()
        page.mouse.wheel(0, 400)
        shot(page, "survey-04-complaint")

        # The settings (administrator only).
        page.close()
        page = context.new_page()
        page.goto(f"{BASE}/web/session/logout")
        page.goto(f"{BASE}/web/login")
        page.fill("input[name=login]", "admin")
        page.fill("input[name=password]", "admin")
        page.click("button[type=submit]")
        page.wait_for_selector(".o_main_navbar")
        page.goto(f"{BASE}/odoo/settings#klachtenbeheer")
        page.wait_for_selector("#klachtenbeheer_survey_id")
        page.locator("#klachtenbeheer_survey_id").scroll_into_view_if_needed()
        page.mouse.wheel(0, 250)
        shot(page, "survey-05-settings")

        # The public survey page, from an unanswered invitation.
        urls = rpc(
            page,
            "survey.user_input",
            "search_read",
            [[["complaint_id", "!=", False], ["state", "!=", "done"]]],
            {"fields": ["access_token", "survey_id"], "limit": 1},
        )
        page.close()
        if urls:
            survey = rpc_survey_token(context, urls[0])
            public = browser.new_context(
                viewport={"width": 1440, "height": 900}, locale="nl-NL"
            ).new_page()
            public.goto(
                f"{BASE}/survey/start/{survey}?answer_token={urls[0]['access_token']}"
            )
            public.click("button[type=submit]")
            public.wait_for_selector(".js_question-wrapper")
            # The answer is now in progress: its link opens the questions.
            public.goto(
                f"{BASE}/survey/start/{survey}?answer_token={urls[0]['access_token']}"
            )
            public.wait_for_selector(".js_question-wrapper")
            shot(public, "survey-06-public")
        browser.close()


def rpc_survey_token(context, user_input):
    page = context.new_page()
    login_page = page
    login_page.goto(f"{BASE}/web/login")
    survey = rpc(
        login_page,
        "survey.survey",
        "read",
        [[user_input["survey_id"][0]], ["access_token"]],
    )
    page.close()
    return survey[0]["access_token"]


if __name__ == "__main__":
    main()
