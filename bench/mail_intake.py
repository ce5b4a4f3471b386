"""Benchmark: complaints by e-mail against the OCA helpdesk's tickets.

Feeds N mails from distinct senders (20 % with a 50 KB attachment, 10 %
replies to an earlier mail of the same run) through Odoo's mail gateway
(``mail.thread.message_process``), committing after each mail as the
incoming mail server does: once into a klachtenbeheer team's alias, once
into an OCA ``helpdesk_mgmt`` team's alias, in the same database. Reports
e-mails per second, queries per mail and the p95 latency of both, and their
ratio. With ``--seed N`` it first inserts N complaints and N tickets by SQL
(and removes them afterwards), to see what a large register costs.

Our gateway numbers and registers the complaint; the intake cron completes
the registration afterwards (contact, followers, terms and their activities,
the acknowledgement queued), a batch per run. The bench runs that cron after
the mails (with ``--interleave``: after every 50 mails, between the mails of
both, so that it runs under the same load) and reports the whole
registration (gateway + cron) too. With
``--peer-ack`` the helpdesk's "New" stage gets its own acknowledgement
template (``helpdesk_mgmt.changed_stage_template``), so that both number and
acknowledge each mail; the whole registration is then compared side by side
with the peer's (for which the gateway is all of it).

Usage (a database with klachtenbeheer and helpdesk_mgmt, without demo data;
helpdesk_mgmt lives in the venv's site-packages/odoo/addons):

    SITE=.venv/lib/python3.11/site-packages/odoo/addons
    .venv/bin/python bench/mail_intake.py --odoo /opt/odoo-18.0 --db kbbench \
        --addons-path /opt/odoo-18.0/addons,.,$SITE --mails 2000 [--seed 1000000] \
        [--interleave] [--peer-ack]

It deletes the complaints, tickets, partners and messages it made.
"""

import argparse
import base64
import statistics
import sys
import time
import uuid

ALIAS_DOMAIN = "bench-intake.example"
TARGETS = {
    "klachtenbeheer": ("klachtenbeheer.complaint", "klachten-bench"),
    "helpdesk_mgmt": ("helpdesk.ticket", "helpdesk-bench"),
}
ATTACHMENT = base64.encodebytes(bytes(range(256)) * 200).decode()  # 50 KB


def build_mail(run, index, to, reply_to_id=None):
    sender = f"afzender{index}@{run}.bench.example"
    message_id = f"<{run}-{index}@bench.example>"
    headers = [
        f"From: Afzender {index} <{sender}>",
        f"To: {to}",
        f"Subject: {'Re: ' if reply_to_id else ''}Klacht {index} over de lift",
        f"Message-Id: {message_id}",
        "Date: Mon, 16 Nov 2026 10:00:00 +0100",
        "MIME-Version: 1.0",
    ]
    if reply_to_id:
        headers.append(f"In-Reply-To: {reply_to_id}")
        headers.append(f"References: {reply_to_id}")
    body = (
        "Geachte heer/mevrouw,\n\nDe lift in ons portiek staat al twee weken "
        f"stil. Dit is bericht {index}.\n\nMet vriendelijke groet\n"
    )
    if index % 5 == 0:
        boundary = "==bench=="
        text = "\n".join(
            headers
            + [
                f'Content-Type: multipart/mixed; boundary="{boundary}"',
                "",
                f"--{boundary}",
                "Content-Type: text/plain; charset=utf-8",
                "",
                body,
                f"--{boundary}",
                "Content-Type: application/octet-stream",
                'Content-Disposition: attachment; filename="foto.bin"',
                "Content-Transfer-Encoding: base64",
                "",
                ATTACHMENT,
                f"--{boundary}--",
                "",
            ]
        )
    else:
        text = "\n".join(
            headers + ["Content-Type: text/plain; charset=utf-8", "", body]
        )
    return message_id, text


def setup(env, followed_team=False, peer_ack=False):
    """The alias domain and one team with an alias per application. Returns
    the id of the template the helpdesk's first stage had (to restore; False
    for none), or None when it was left alone."""
    domain = env["mail.alias.domain"].search([("name", "=", ALIAS_DOMAIN)])
    if not domain:
        domain = env["mail.alias.domain"].create({"name": ALIAS_DOMAIN})
    env.company.alias_domain_id = domain
    team = env["klachtenbeheer.team"].search([("alias_name", "=", "klachten-bench")])
    if not team:
        env["klachtenbeheer.team"].create(
            {
                "name": "Bench klachten",
                "alias_name": "klachten-bench",
                "alias_domain_id": domain.id,
                "user_id": env.ref("base.user_admin").id,
            }
        )
    team = env["helpdesk.ticket.team"].search([("alias_name", "=", "helpdesk-bench")])
    if not team:
        env["helpdesk.ticket.team"].create(
            {
                "name": "Bench helpdesk",
                "alias_name": "helpdesk-bench",
                "alias_domain_id": domain.id,
                "user_ids": [(6, 0, env.ref("base.user_admin").ids)],
            }
        )
    # Odoo looks at the followers of an alias's parent record (the team)
    # for every mail: 3 queries more when there are any, on either side. By
    # default neither team has followers, so both pay the intake alone.
    # Odoo makes our team's manager (its user_id) a follower; the helpdesk
    # team made here has none, and a follower of a helpdesk team would get
    # every new ticket by e-mail. --followed-team keeps our manager.
    our_team = env["klachtenbeheer.team"].search(
        [("alias_name", "=", "klachten-bench")]
    )
    peer_team = env["helpdesk.ticket.team"].search(
        [("alias_name", "=", "helpdesk-bench")]
    )
    peer_team.message_unsubscribe(partner_ids=peer_team.message_partner_ids.ids)
    manager = our_team.user_id.partner_id
    if followed_team:
        our_team.message_subscribe(partner_ids=manager.ids)
    else:
        our_team.message_unsubscribe(partner_ids=our_team.message_partner_ids.ids)
    # Odoo's per-sender throttle must not bite the benchmark's own pace.
    env["ir.config_parameter"].set_param("mail.gateway.loop.threshold", 1000)
    previous = None
    if peer_ack:
        # The helpdesk's acknowledgement: the template of the stage a new
        # ticket lands in, sent (mass_mail mode) on the ticket's creation.
        stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        previous = stage.mail_template_id.id
        stage.mail_template_id = env.ref("helpdesk_mgmt.changed_stage_template")
    env.cr.commit()
    return previous


def restore(env, previous):
    """Give the helpdesk's first stage its template back (see setup)."""
    if previous is not None:
        env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").mail_template_id = previous
        env.flush_all()


def feed(registry, target, mails, run):
    """Process ``mails`` mails into ``target``; one commit per mail."""
    from odoo import SUPERUSER_ID, api

    _model, alias = TARGETS[target]
    to = f"{alias}@{ALIAS_DOMAIN}"
    latencies, queries = [], []
    sent_ids = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        MailThread = env["mail.thread"]
        start_all = time.perf_counter()
        for index in range(mails):
            reply_to = None
            if index % 10 == 9 and sent_ids:
                reply_to = sent_ids[(index * 7) % len(sent_ids)]
            message_id, raw = build_mail(run, index, to, reply_to)
            sent_ids.append(message_id)
            count_before = cr.sql_log_count
            start = time.perf_counter()
            MailThread.message_process(False, raw)
            cr.commit()
            latencies.append(time.perf_counter() - start)
            queries.append(cr.sql_log_count - count_before)
        total = time.perf_counter() - start_all
    latencies.sort()
    return {
        "mails": mails,
        "rate": mails / total,
        "queries": statistics.mean(queries),
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "median": statistics.median(latencies) * 1000,
    }


def feed_interleaved(registry, mails, runs, cron_every=0):
    """Like ``feed``, but alternating the targets mail by mail, so that both
    see the same load of a shared machine. With ``cron_every`` our intake
    cron runs after every so many mails, between the mails (as Odoo's cron
    runner would, triggered by them), so that it sees that load too; its
    figures are returned with the results (key ``cron``)."""
    from odoo import SUPERUSER_ID, api

    stats = {target: ([], [], []) for target in TARGETS}
    elapsed = dict.fromkeys(TARGETS, 0.0)
    cron = {"time": 0.0, "queries": 0, "done": 0, "runs": 0}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        MailThread = env["mail.thread"]
        for index in range(mails):
            if cron_every and index and not index % cron_every:
                add_cron(cron, complete_intake(registry))
            for target, (_model, alias) in TARGETS.items():
                latencies, queries, sent_ids = stats[target]
                reply_to = None
                if index % 10 == 9 and sent_ids:
                    reply_to = sent_ids[(index * 7) % len(sent_ids)]
                message_id, raw = build_mail(
                    runs[target], index, f"{alias}@{ALIAS_DOMAIN}", reply_to
                )
                sent_ids.append(message_id)
                count_before = cr.sql_log_count
                start = time.perf_counter()
                MailThread.message_process(False, raw)
                cr.commit()
                latency = time.perf_counter() - start
                elapsed[target] += latency
                latencies.append(latency)
                queries.append(cr.sql_log_count - count_before)
    if cron_every:
        add_cron(cron, complete_intake(registry))
    results = {"cron": cron} if cron_every else {}
    for target, (latencies, queries, _sent) in stats.items():
        latencies.sort()
        results[target] = {
            "mails": mails,
            "rate": mails / elapsed[target],
            "queries": statistics.mean(queries),
            "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
            "median": statistics.median(latencies) * 1000,
        }
    return results


def add_cron(total, run):
    for key in total:
        total[key] += run[key]


def complete_intake(registry):
    """Run the intake cron (contacts, followers, term activities,
    acknowledgements) until nothing is pending, as Odoo's cron runner would
    right after the mails: the part of our registration that the gateway
    leaves to it. Returns its time, queries and the number of complaints."""
    from odoo import SUPERUSER_ID, api

    total_time, total_queries, done, runs = 0.0, 0, 0, 0
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Complaint = env["klachtenbeheer.complaint"]
        while True:
            count_before = cr.sql_log_count
            start = time.perf_counter()
            batch = Complaint._cron_send_acknowledgements()
            cr.commit()
            total_time += time.perf_counter() - start
            total_queries += cr.sql_log_count - count_before
            if not batch:
                break
            done += len(batch)
            runs += 1
            env.invalidate_all()
    return {"time": total_time, "queries": total_queries, "done": done, "runs": runs}


def cleanup(cr, run):
    pattern = f"%@{run}.bench.example%"
    cr.execute(
        "DELETE FROM klachtenbeheer_complaint WHERE email_from LIKE %s", [pattern]
    )
    cr.execute("DELETE FROM helpdesk_ticket WHERE partner_email LIKE %s", [pattern])
    cr.execute("DELETE FROM mail_message WHERE email_from LIKE %s", [pattern])
    # What hangs on the removed records: attachments, and what the intake
    # cron made (activities, acknowledgements with their queued mails,
    # followers). NOT EXISTS: an anti-join, also on a million rows.
    for model, table in (
        ("klachtenbeheer.complaint", "klachtenbeheer_complaint"),
        ("helpdesk.ticket", "helpdesk_ticket"),
    ):
        for other, model_column in (
            ("ir_attachment", "res_model"),
            ("mail_activity", "res_model"),
            ("mail_message", "model"),
            ("mail_followers", "res_model"),
        ):
            cr.execute(
                f"DELETE FROM {other} o WHERE o.{model_column} = %s AND NOT EXISTS "
                f"(SELECT 1 FROM {table} r WHERE r.id = o.res_id)",
                [model],
            )
    cr.execute(
        "DELETE FROM mail_followers WHERE partner_id IN "
        "(SELECT id FROM res_partner WHERE email LIKE %s)",
        [pattern],
    )
    cr.execute("DELETE FROM res_partner WHERE email LIKE %s", [pattern])


def seed(cr, total):
    """``total`` complaints and ``total`` tickets, by SQL, from distinct
    addresses (as a real register: mostly closed, one address per person)."""
    cr.execute(
        "SELECT id FROM klachtenbeheer_stage WHERE is_closed ORDER BY sequence LIMIT 1"
    )
    closed_stage = cr.fetchone()[0]
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    company = cr.fetchone()[0]
    cr.execute(
        """
        INSERT INTO klachtenbeheer_complaint (
            name, company_id, subject, channel, priority, date_received,
            registered_by_id, is_anonymous, active, kind, stage_id, is_closed,
            date_closed, email_from, email_normalized, message_bounce,
            create_uid, write_uid, create_date, write_date)
        SELECT 'SEED/' || g, %(company)s, 'Seed ' || g, 'email', '0',
               now() - interval '400 days', 2, true, true, 'complaint',
               %(closed)s, true, now() - interval '300 days',
               'seed' || g || '@seed.example', 'seed' || g || '@seed.example', 0,
               2, 2, now() - interval '400 days', now() - interval '300 days'
          FROM generate_series(1, %(total)s) g
        """,
        {"company": company, "closed": closed_stage, "total": total},
    )
    cr.execute("SELECT id FROM helpdesk_ticket_stage WHERE closed LIMIT 1")
    row = cr.fetchone()
    ticket_stage = row[0] if row else None
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (
            number, name, description, company_id, stage_id, partner_email,
            partner_name, priority, active, create_uid, write_uid,
            create_date, write_date)
        SELECT 'SEED' || g, 'Seed ' || g, '<p>seed</p>', %(company)s,
               %(stage)s, 'seed' || g || '@seed.example', 'Seed ' || g, '1',
               true, 2, 2, now() - interval '400 days', now() - interval '300 days'
          FROM generate_series(1, %(total)s) g
        """,
        {"company": company, "stage": ticket_stage, "total": total},
    )
    cr.execute("ANALYZE klachtenbeheer_complaint")
    cr.execute("ANALYZE helpdesk_ticket")


def explain(cr, address):
    """Plans of Odoo's per-sender throttle count on both tables."""
    plans = {}
    for table, condition in (
        ("klachtenbeheer_complaint", "email_normalized = %s"),
        ("helpdesk_ticket", "partner_email ILIKE %s"),
    ):
        cr.execute(
            "EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM "
            + table
            + " WHERE active AND create_date >= now() - interval '2 hours' AND "
            + condition,
            [address],
        )
        plans[table] = "\n".join(row[0] for row in cr.fetchall())
    return plans


def unseed(cr):
    cr.execute("DELETE FROM klachtenbeheer_complaint WHERE name LIKE 'SEED/%%'")
    # helpdesk_ticket.duplicate_id refers to helpdesk_ticket without an
    # index: deleting a million tickets would scan the table once per ticket
    # (for its foreign key). A temporary index keeps it a minute.
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'helpdesk_ticket' AND column_name = 'duplicate_id'"
    )
    index = bool(cr.fetchone())
    if index:
        cr.execute(
            "CREATE INDEX IF NOT EXISTS bench_helpdesk_ticket_duplicate_id "
            "ON helpdesk_ticket (duplicate_id)"
        )
    cr.execute("DELETE FROM helpdesk_ticket WHERE number LIKE 'SEED%%'")
    if index:
        cr.execute("DROP INDEX bench_helpdesk_ticket_duplicate_id")


def whole_registration(ours, cron):
    """Our gateway and the intake cron after it, per mail."""
    mails = ours["mails"]
    per_mail_time = cron["time"] / mails
    return {
        "rate": 1 / (1 / ours["rate"] + per_mail_time),
        "queries": ours["queries"] + cron["queries"] / mails,
        "cron_ms": per_mail_time * 1000,
        "cron_queries": cron["queries"] / mails,
    }


def report(label, results, cron=None, peer_ack=False):
    ours, peer = results["klachtenbeheer"], results["helpdesk_mgmt"]
    peer_name = "helpdesk_mgmt" + (" (with acknowledgement)" if peer_ack else "")
    print(f"\n## {label}")
    print("| target | mails/s | queries/mail | median ms | p95 ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, res in (("klachtenbeheer gateway", ours), (peer_name, peer)):
        print(
            f"| {name} | {res['rate']:.1f} | {res['queries']:.1f} | "
            f"{res['median']:.0f} | {res['p95']:.0f} |"
        )
    print(
        f"| ratio ours/peer | {ours['rate'] / peer['rate']:.2f} | "
        f"{ours['queries'] / peer['queries']:.2f} | "
        f"{ours['median'] / peer['median']:.2f} | {ours['p95'] / peer['p95']:.2f} |"
    )
    if not (cron and cron["done"]):
        return
    whole = whole_registration(ours, cron)
    print(
        f"\nintake cron (contacts, followers, term activities, "
        f"acknowledgements): {cron['done']} complaints in {cron['time']:.1f}s, "
        f"{whole['cron_queries']:.1f} queries and {whole['cron_ms']:.0f} ms per "
        f"mail ({cron['runs']} batches)"
    )
    print("\n| whole registration | mails/s | queries/mail |")
    print("| --- | ---: | ---: |")
    print(
        f"| klachtenbeheer gateway only | {ours['rate']:.1f} | {ours['queries']:.1f} |"
    )
    print(
        f"| klachtenbeheer gateway + intake cron | {whole['rate']:.1f} | "
        f"{whole['queries']:.1f} |"
    )
    print(f"| {peer_name} | {peer['rate']:.1f} | {peer['queries']:.1f} |")
    print(
        f"| ratio gateway only / peer | {ours['rate'] / peer['rate']:.2f} | "
        f"{ours['queries'] / peer['queries']:.2f} |"
    )
    print(
        f"| ratio whole registration / peer | {whole['rate'] / peer['rate']:.2f} | "
        f"{whole['queries'] / peer['queries']:.2f} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--odoo", required=True, help="Odoo 18 source tree")
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--interleave",
        action="store_true",
        help="alternate the targets mail by mail (fairer on a shared machine)",
    )
    parser.add_argument(
        "--followed-team",
        action="store_true",
        help="our team keeps its manager as follower (as Odoo makes it); "
        "by default neither team has followers",
    )
    parser.add_argument(
        "--cron-every",
        type=int,
        default=50,
        metavar="N",
        help="with --interleave: run our intake cron after every N mails, "
        "between the mails (0: once, after all of them)",
    )
    parser.add_argument(
        "--peer-ack",
        action="store_true",
        help="the helpdesk's New stage sends its acknowledgement template "
        "(helpdesk_mgmt.changed_stage_template), as our intake cron does",
    )
    parser.add_argument(
        "--keep-seed",
        action="store_true",
        help="leave the seeded rows in place (for a next run)",
    )
    args = parser.parse_args()

    sys.path.insert(0, args.odoo)
    import odoo
    from odoo import SUPERUSER_ID, api

    config_args = ["-d", args.db, "--log-level=warn"]
    if args.addons_path:
        config_args.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(config_args)
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        previous_template = setup(
            api.Environment(cr, SUPERUSER_ID, {}), args.followed_team, args.peer_ack
        )
        if args.seed:
            start = time.perf_counter()
            unseed(cr)
            seed(cr, args.seed)
            cr.commit()
            print(
                f"seeded {args.seed:,} complaints and tickets in "
                f"{time.perf_counter() - start:.0f}s"
            )
            for table, plan in explain(cr, "someone@example.nl").items():
                print(f"\nthrottle count on {table}:\n{plan}")
    results = {}
    run = uuid.uuid4().hex[:8]
    runs = {target: f"{target[:4]}{run}" for target in TARGETS}
    try:
        if args.interleave:
            results = feed_interleaved(registry, args.mails, runs, args.cron_every)
            cron = results.pop("cron", None) or complete_intake(registry)
        else:
            for target in TARGETS:
                results[target] = feed(registry, target, args.mails, runs[target])
            cron = complete_intake(registry)
        label = f"{args.mails:,} mails" + (", interleaved" if args.interleave else "")
        if args.seed:
            label += f", {args.seed:,} complaints and tickets in the tables"
        report(label, results, cron, args.peer_ack)
        sys.stdout.flush()
    finally:
        with registry.cursor() as cr:
            # The seeded rows first: removing the run's contacts checks every
            # table that refers to a contact.
            if args.seed and not args.keep_seed:
                unseed(cr)
            for target in TARGETS:
                cleanup(cr, f"{target[:4]}{run}")
            restore(api.Environment(cr, SUPERUSER_ID, {}), previous_template)
            cr.commit()


if __name__ == "__main__":
    main()
