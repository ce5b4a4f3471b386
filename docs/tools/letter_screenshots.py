"""Take the pictures of the decision letter and the acknowledgement letter in
docs/user-guide.md from a running demo (``make demo``).

Usage: python docs/tools/letter_screenshots.py [BASE_URL] [OUT_DIR] [DB]

As the coordinator (demo login ``coordinator``), it gives a demo complaint
two complaint elements with their own verdict and a decision, has the server
render both letters with wkhtmltopdf and turns their first pages into
images with ``pdftoppm`` (poppler-utils).
"""

import http.cookiejar
import json
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8069"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/img")
DB = sys.argv[3] if len(sys.argv) > 3 else "klachtenbeheer_demo"

jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def call(path, params):
    request = urllib.request.Request(
        BASE + path,
        data=json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params}
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    reply = json.load(opener.open(request))
    if "error" in reply:
        raise SystemExit(reply["error"]["data"]["message"])
    return reply["result"]


def rpc(model, method, *args, **kwargs):
    return call(
        "/web/dataset/call_kw",
        {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
    )


def page_png(report, record_id, name):
    pdf = opener.open(f"{BASE}/report/pdf/{report}/{record_id}").read()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        target = OUT / name
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                handle.name,
                str(target),
            ],
            check=True,
        )
    print(f"{target}.png")


call(
    "/web/session/authenticate", {"db": DB, "login": "coordinator", "password": "demo"}
)
complaint = rpc(
    "klachtenbeheer.complaint",
    "search_read",
    [("partner_id.street", "!=", False), ("is_closed", "=", False)],
    ["name"],
    limit=1,
)[0]
rpc(
    "klachtenbeheer.complaint",
    "write",
    [complaint["id"]],
    {
        "facts": "De lekkage in de badkamer is op 3 november gemeld.",
        "validity": "partly_founded",
        "answer": "<p>De reparatie had binnen een week klaar moeten zijn. "
        "Wij bieden u onze excuses aan.</p>",
        "element_ids": [
            (5, 0, 0),
            (
                0,
                0,
                {
                    "name": "De reparatie duurde drie weken",
                    "findings": "De aannemer kwam twee keer niet op de afspraak.",
                    "validity": "founded",
                },
            ),
            (
                0,
                0,
                {
                    "name": "De monteur was onbeleefd",
                    "findings": "Dat is niet vast te stellen: de monteur ontkent het "
                    "en er was niemand anders bij.",
                    "validity": "undetermined",
                },
            ),
        ],
    },
)
OUT.mkdir(parents=True, exist_ok=True)
page_png("klachtenbeheer.report_decision", complaint["id"], "letter-decision")
page_png(
    "klachtenbeheer.report_acknowledgement", complaint["id"], "letter-acknowledgement"
)
