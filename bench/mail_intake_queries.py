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

With ``--cron N`` it records the intake cron instead: N mails into our
alias, then one cron batch over their complaints (after a warm-up batch),
and prints the queries grouped by the innermost frame of klachtenbeheer
that ran them, per complaint: the breakdown in ``docs/performance.md``.

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
    parser.add_argument(
        "--cron",
        type=int,
        default=0,
        metavar="N",
        help="record one intake cron batch over N new complaints",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="with --cron: every query too"
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
            # The innermost frame of klachtenbeheer and what it called.
            inner = [
                number
                for number, frame in enumerate(stack)
                if f"{os.sep}klachtenbeheer{os.sep}" in frame.filename
            ]
            where = callers
            if inner:
                where = " > ".join(
                    f"{os.path.basename(frame.filename)}:{frame.name}"
                    for frame in stack[inner[-1] : inner[-1] + 2]
                )
            recorded.append((" ".join(str(query).split())[:400], callers, where))
        return execute(self, query, params, log_exceptions)

    Cursor.execute = recording_execute
    run = "q" + uuid.uuid4().hex[:8]
    _model, alias = bench.TARGETS[args.target]
    to = f"{alias}@{bench.ALIAS_DOMAIN}"
    if args.cron:
        try:
            record_cron(registry, args.cron, recording, run, to)
        finally:
            Cursor.execute = execute
            with registry.cursor() as cr:
                bench.cleanup(cr, run)
                cr.commit()
        print_cron(recorded, args.cron, args.verbose)
        return
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
    for number, (query, callers, _ours) in enumerate(recorded, 1):
        print(f"{number:3} {query}\n      {callers}")


def record_cron(registry, count, recording, run, to):
    """A warm-up batch of 5 complaints, then ``count`` more in one batch with
    every query recorded."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        MailThread, Complaint = env["mail.thread"], env["klachtenbeheer.complaint"]
        for first, last in ((0, 5), (5, 5 + count)):
            for index in range(first, last):
                _message_id, raw = bench.build_mail(run, index, to)
                MailThread.message_process(False, raw)
                cr.commit()
            env.invalidate_all()
            recording[0] = first > 0
            Complaint._cron_send_acknowledgements(batch_size=count)
            env.flush_all()
            cr.precommit.run()
            recording[0] = False
            cr.commit()


def print_cron(recorded, count, verbose=False):
    """The queries per innermost klachtenbeheer frame (else Odoo's)."""
    groups = {}
    for query, _callers, ours in recorded:
        groups.setdefault(ours, []).append(query)
    print(f"{len(recorded)} queries for one intake cron batch of {count} complaints")
    print("| where | queries | per complaint |")
    print("| --- | ---: | ---: |")
    for key, queries in sorted(groups.items(), key=lambda item: -len(item[1])):
        print(f"| {key} | {len(queries)} | {len(queries) / count:.1f} |")
    if verbose:
        for query, callers, where in recorded:
            print(f"{where}\n    {query}\n      {callers}")


if __name__ == "__main__":
    main()
