"""List the queries of one mail through the gateway, with who ran them.

Processes a few warm-up mails into the klachtenbeheer (or helpdesk_mgmt)
bench alias of ``bench/mail_intake.py``, then one more with every query
recorded, and prints each query with the last frames of the Python stack
that ran it (our addons and Odoo's). This is how the table "what is left on
top of the peer's work" in ``docs/performance.md`` was made.

    SITE=.venv/lib/python3.11/site-packages/odoo/addons
    .venv/bin/python bench/mail_intake_queries.py --odoo /opt/odoo-18.0 \
        --db kbbench --addons-path /opt/odoo-18.0/addons,$PWD,$SITE \
        [--target helpdesk_mgmt] [--attachment] [--reply] [--followed-team]

It deletes what it made.
"""

import argparse
import os
import sys
import traceback
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mail_intake as bench  # noqa: E402

FRAMES = 6


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--odoo", required=True, help="Odoo 18 source tree")
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", default=None)
    parser.add_argument(
        "--target", choices=sorted(bench.TARGETS), default="klachtenbeheer"
    )
    parser.add_argument(
        "--attachment", action="store_true", help="the recorded mail has a 50 KB file"
    )
    parser.add_argument(
        "--reply", action="store_true", help="the recorded mail replies to the first"
    )
    parser.add_argument(
        "--followed-team",
        action="store_true",
        help="our team keeps its manager as follower (see mail_intake.setup)",
    )
    args = parser.parse_args()

    sys.path.insert(0, args.odoo)
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.sql_db import Cursor

    config_args = ["-d", args.db, "--log-level=warn"]
    if args.addons_path:
        config_args.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(config_args)
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        bench.setup(api.Environment(cr, SUPERUSER_ID, {}), args.followed_team)

    recorded = []
    recording = [False]
    execute = Cursor.execute

    def recording_execute(self, query, params=None, log_exceptions=True):
        if recording[0]:
            stack = [
                frame
                for frame in traceback.extract_stack()[:-1]
                if "/addons/" in frame.filename or "klachtenbeheer" in frame.filename
            ]
            callers = " > ".join(
                f"{os.path.basename(frame.filename)}:{frame.name}"
                for frame in stack[-FRAMES:]
            )
            recorded.append((" ".join(str(query).split())[:100], callers))
        return execute(self, query, params, log_exceptions)

    Cursor.execute = recording_execute
    run = "q" + uuid.uuid4().hex[:8]
    _model, alias = bench.TARGETS[args.target]
    to = f"{alias}@{bench.ALIAS_DOMAIN}"
    # Mail 5 has the attachment (every fifth mail has one).
    last = 5 if args.attachment else 6
    try:
        with registry.cursor() as cr:
            MailThread = api.Environment(cr, SUPERUSER_ID, {})["mail.thread"]
            first_id = None
            for index in range(last + 1):
                reply_to = first_id if args.reply and index == last else None
                message_id, raw = bench.build_mail(run, index, to, reply_to)
                first_id = first_id or message_id
                recording[0] = index == last
                MailThread.message_process(False, raw)
                cr.commit()
            recording[0] = False
    finally:
        Cursor.execute = execute
        with registry.cursor() as cr:
            bench.cleanup(cr, run)
            cr.commit()
    kind = "reply" if args.reply else "new-sender mail"
    print(f"{len(recorded)} queries for one {kind} into {args.target}")
    for number, (query, callers) in enumerate(recorded, 1):
        print(f"{number:3} {query}\n      {callers}")


if __name__ == "__main__":
    main()
