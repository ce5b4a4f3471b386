"""Take the screenshots of docs/reports.md from a running demo (``make demo``).

Usage: python docs/tools/report_screenshots.py [BASE_URL] [OUT_DIR]

The dashboard is shot in Chromium (``playwright``, Debian's /usr/bin/chromium,
no browser download). The report pages are real PDFs rendered by wkhtmltopdf
through the server and turned into images with ``pdftoppm`` (poppler-utils).
"""

import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8069"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/img")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]


def login(context, user):
    page = context.new_page()
    page.goto(f"{BASE}/web/login")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", "demo")
    page.press("input[name=password]", "Enter")
    page.wait_for_selector(".o_main_navbar")
    return page


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
    body = response.json()
    if "error" in body:
        raise RuntimeError(body["error"]["data"]["message"])
    return body["result"]


def last_quarter():
    today = date.today()
    quarter = (today.month - 1) // 3
    return (today.year - 1, 4) if quarter == 0 else (today.year, quarter)


def report_page(page, report, data, name):
    """Render the report through the wizard's action and keep page one."""
    year, quarter = last_quarter()
    wizard = rpc(
        page,
        "klachtenbeheer.report.wizard",
        "create",
        [{"year": year, "quarter": str(quarter), **data}],
    )
    action = rpc(page, "klachtenbeheer.report.wizard", report, [[wizard]])
    url = (
        f"{BASE}/report/pdf/{action['report_name']}"
        f"?options={quote(json.dumps(action['data']))}"
        f"&context={quote(json.dumps({'lang': 'nl_NL'}))}"
    )
    response = page.request.get(url)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(response.body())
        pdf.flush()
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
            + [pdf.name, str(OUT / name)],
            check=True,
        )
    print("wrote", OUT / f"{name}.png")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        page = login(context, "coordinator")
        report_page(page, "action_print_quarterly", {}, "report-01-quarterly")
        report_page(page, "action_print_annual", {}, "report-02-annual")
        [dashboard] = rpc(
            page,
            "spreadsheet.dashboard",
            "search_read",
            [[["dashboard_group_id.name", "in", ["Klachten", "Complaints"]]]],
            {"fields": ["id"], "limit": 1},
        )
        page.goto(
            f"{BASE}/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action"
            f"?dashboard_id={dashboard['id']}"
        )
        page.wait_for_selector(".o_spreadsheet_dashboard_action .o-figure")
        page.wait_for_timeout(4000)
        page.screenshot(path=str(OUT / "report-03-dashboard.png"))
        print("wrote", OUT / "report-03-dashboard.png")
        browser.close()


if __name__ == "__main__":
    main()
