"""Screenshots of the web form and the complainant portal for the user guide.

Usage: python docs/tools/web_screenshots.py [BASE_URL] [OUT_DIR]

Runs against a demo database with ``klachtenbeheer_website`` installed and
Dutch as the website language (``make demo``). Sends one complaint through
the form (it shows the confirmation page). Needs ``playwright`` and Debian's
Chromium at /usr/bin/chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8069"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/img")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="nl-NL"
        )
        page = context.new_page()
        page.goto(f"{BASE}/klacht")
        page.fill("input[name=contact_name]", "Joost de Wit")
        page.fill("input[name=email_from]", "joost.dewit@example")
        page.fill("textarea[name=desired_outcome]", "Een gesprek met de opzichter.")
        page.check("input[name=privacy]")
        page.click("button.o_klachtenbeheer_submit")
        page.wait_for_selector(".o_klachtenbeheer_errors")
        page.screenshot(path=OUT / "web-01-form-errors.png", full_page=True)
        page.fill("input[name=email_from]", "joost.dewit@example.nl")
        page.fill(
            "textarea[name=description]",
            "De schilder liet de trap vol verfvlekken achter en reageert niet.",
        )
        page.select_option("select[name=category_id]", index=1)
        page.click("button.o_klachtenbeheer_submit")
        page.wait_for_selector(".o_klachtenbeheer_number")
        page.screenshot(path=OUT / "web-02-thanks.png")

        portal = browser.new_context(
            viewport={"width": 1280, "height": 800}, locale="nl-NL"
        )
        page = portal.new_page()
        page.goto(f"{BASE}/web/login")
        page.fill("input[name=login]", "huurder")
        page.fill("input[name=password]", "demo")
        page.click(".oe_login_form button[type=submit]")
        page.wait_for_url("**/my**")
        page.goto(f"{BASE}/my/klachten")
        page.screenshot(path=OUT / "portal-01-list.png")
        href = page.get_attribute(".o_klachtenbeheer_portal_number >> nth=0", "href")
        page.goto(f"{BASE}{href}")
        page.wait_for_selector(".o_klachtenbeheer_portal_subject")
        # The chatter loads after the page (CSS selectors pierce its shadow DOM).
        page.wait_for_selector(".o-mail-Composer-input", timeout=60000)
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "portal-02-complaint.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
