"""Take the user guide's screenshots from a running demo (``make demo``).

Usage: python docs/tools/screenshots.py [BASE_URL] [OUT_DIR]

Needs the ``playwright`` package (pip) and Debian's Chromium at
/usr/bin/chromium; no browser is downloaded. The screens are the real ones of
the demo database, in Dutch, as the demo users see them.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8069"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/img")
ACTION = "action-klachtenbeheer.klachtenbeheer_complaint_action"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def rpc(page, model, method, args, kwargs=None):
    response = page.request.post(
        f"{BASE}/web/dataset/call_kw",
        data={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        },
    )
    return response.json()["result"]


def login(context, user):
    page = context.new_page()
    page.goto(f"{BASE}/web/login")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", "demo")
    page.click("button[type=submit]")
    page.wait_for_selector(".o_main_navbar")
    return page


def settle(page):
    # Odoo's bus keeps a connection open: the network never idles, so give
    # the last rendering a moment instead.
    page.wait_for_timeout(1500)


def shot(page, name):
    settle(page)
    page.screenshot(path=str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1440, "height": 900})

        # The handler's day: the pipeline of the team.
        page = login(context, "behandelaar")
        page.goto(f"{BASE}/odoo/{ACTION}")
        page.wait_for_selector(".o_kanban_record")
        shot(page, "01-kanban")

        page.goto(f"{BASE}/odoo/{ACTION}?view_type=list")
        page.wait_for_selector(".o_data_row")
        shot(page, "02-list")

        # One complaint under investigation.
        records = rpc(
            page,
            "klachtenbeheer.complaint",
            "search_read",
            [[["stage_id.sequence", "=", 30], ["partner_id", "!=", False]]],
            {"fields": ["id"], "limit": 1},
        )
        page.goto(f"{BASE}/odoo/{ACTION}/{records[0]['id']}")
        page.wait_for_selector(".o_form_view")
        shot(page, "03-form")

        # Closing without validity and answer: the error lists both.
        # Closed stages are folded behind the "..." of the status bar.
        page.click(".o_statusbar_status .dropdown-toggle")
        page.click(".dropdown-item:has-text('Afgesloten')")
        page.wait_for_selector(".o_error_dialog, .modal-dialog")
        shot(page, "04-close-error")
        page.keyboard.press("Escape")
        page.goto(f"{BASE}/odoo/{ACTION}")

        # Registering a new complaint.
        page.goto(f"{BASE}/odoo/{ACTION}/new")
        page.wait_for_selector(".o_form_view")
        page.fill("div[name=subject] input", "Wachttijd aan de balie te lang")
        page.fill("div[name=contact_name] input", "Lotte Kramer")
        page.fill("div[name=phone] input", "06 89012345")
        shot(page, "05-register")
        # Discard, or Odoo saves the half-typed complaint when the page closes.
        page.click(".o_form_button_cancel")
        page.close()

        # The coordinator's analysis: category by quarter.
        page = login(
            browser.new_context(viewport={"width": 1440, "height": 900}), "coordinator"
        )
        page.goto(
            f"{BASE}/odoo/action-klachtenbeheer.klachtenbeheer_complaint_action_analysis"
        )
        page.wait_for_selector(".o_pivot")
        shot(page, "06-pivot")

        partners = rpc(
            page,
            "res.partner",
            "search_read",
            [[["name", "=", "Fatima Yilmaz"]]],
            {"fields": ["id"], "limit": 1},
        )
        page.goto(f"{BASE}/odoo/action-base.action_partner_form/{partners[0]['id']}")
        page.wait_for_selector(".o_form_view")
        shot(page, "07-contact")
        browser.close()


if __name__ == "__main__":
    main()
