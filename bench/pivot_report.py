"""Benchmark: the complaint pivot and analysis against OCA helpdesk_mgmt.

Seeds N complaints and N helpdesk tickets by SQL in the same database (the
same three years of dates, eight teams, a handful of categories), then times,
as medians of 5 runs after one warm-up:

- the pivot's ``_read_group`` calls on complaints: count by quarter x team
  and by category x month, once on ``date_received`` (a timestamp, converted
  to the user's time zone per row, as Odoo's pivot does on a datetime) and
  once on the stored period fields ``date_received_quarter`` /
  ``date_received_month``;
- the same on the analysis view ``klachtenbeheer.complaint.report``, plus its
  key figures per quarter (on-time %, founded %, handling days);
- the same GROUP BY in raw SQL;
- the equivalent ``_read_group`` on ``helpdesk.ticket`` (create_date:quarter
  x team, category x create_date:month) and its raw SQL.

All as the superuser with ``tz=Europe/Amsterdam`` in the context (what the
web client sends). It prints a Markdown table and the EXPLAIN (ANALYZE,
BUFFERS) plans of the main queries.

Usage (a database with klachtenbeheer and helpdesk_mgmt, without demo data):

    PEER=.venv/lib/python3.11/site-packages/odoo/addons
    .venv/bin/python bench/pivot_report.py --odoo /opt/odoo-18.0 --db kbbench \
        --addons-path /opt/odoo-18.0/addons,$PWD,$PEER --size 1000000

``--keep`` keeps the seeded rows (a second run then skips seeding);
otherwise they are deleted at the end.
"""

import argparse
import statistics
import sys
import time

TZ = "Europe/Amsterdam"
TEAMS = 8
# Three years of registrations, evenly spread.
SPAN_SECONDS = 3 * 365 * 86400


def seed_complaints(env, total):
    cr = env.cr
    Team = env["klachtenbeheer.team"]
    teams = Team.search([("name", "like", "Bench team %")])
    if not teams:
        teams = Team.create([{"name": f"Bench team {i}"} for i in range(TEAMS)])
    categories = env["klachtenbeheer.category"].search([])
    cr.execute(
        "SELECT id FROM klachtenbeheer_stage WHERE is_closed ORDER BY sequence LIMIT 1"
    )
    closed_stage = cr.fetchone()[0]
    cr.execute(
        "SELECT id FROM klachtenbeheer_stage WHERE is_closed IS NOT TRUE "
        "ORDER BY sequence LIMIT 1"
    )
    open_stage = cr.fetchone()[0]
    step = SPAN_SECONDS / total
    cr.execute(
        """
        INSERT INTO klachtenbeheer_complaint (
            name, company_id, subject, description, channel, kind,
            correspondence, priority,
            date_received, date_received_month, date_received_quarter,
            registered_by_id, user_id, team_id, category_id, partner_id,
            is_anonymous, active, stage_id, is_closed, date_closed,
            date_answered, answer_timeliness, answer_on_time_rate, validity,
            handling_days, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || g, 1, 'Bench ' || g,
               '<p>Klacht over de afhandeling van een reparatieverzoek ' || g
               || '.</p>',
               (ARRAY['phone', 'email', 'letter', 'web_form', 'front_desk'])
                   [1 + g %% 5],
               'complaint', 'complainant', '0', received,
               date_trunc('month', timezone(%(tz)s, timezone('UTC', received)))::date,
               date_trunc('quarter', timezone(%(tz)s, timezone('UTC', received)))::date,
               2, 2, (%(teams)s)[1 + g %% %(nteams)s],
               (%(categories)s)[1 + (g / 7) %% %(ncategories)s], NULL,
               true, true,
               CASE WHEN g %% 10 = 0 THEN %(open)s ELSE %(closed)s END,
               g %% 10 <> 0,
               CASE WHEN g %% 10 <> 0 THEN received + interval '9 days' END,
               CASE WHEN g %% 10 <> 0 THEN received + interval '6 days' END,
               CASE WHEN g %% 10 = 0 THEN NULL
                    WHEN g %% 4 = 0 THEN 'late' ELSE 'on_time' END,
               CASE WHEN g %% 10 = 0 THEN 0
                    WHEN g %% 4 = 0 THEN 0 ELSE 100 END,
               CASE WHEN g %% 10 = 0 THEN NULL
                    ELSE (ARRAY['founded', 'partly_founded', 'unfounded'])[1 + g %% 3]
               END,
               CASE WHEN g %% 10 <> 0 THEN 1 + g %% 9 ELSE 0 END,
               2, 2, received, received
          FROM (SELECT g, timestamp '2024-01-01' + g * %(step)s * interval '1 second'
                          AS received
                  FROM generate_series(1, %(total)s) g) s
        """,
        {
            "tz": TZ,
            "teams": teams.ids,
            "nteams": len(teams),
            "categories": categories.ids,
            "ncategories": len(categories),
            "open": open_stage,
            "closed": closed_stage,
            "step": step,
            "total": total,
        },
    )


def seed_tickets(env, total):
    cr = env.cr
    Team = env["helpdesk.ticket.team"]
    teams = Team.search([("name", "like", "Bench team %")])
    if not teams:
        teams = Team.create([{"name": f"Bench team {i}"} for i in range(TEAMS)])
    Category = env["helpdesk.ticket.category"]
    categories = Category.search([("name", "like", "Bench category %")])
    if not categories:
        categories = Category.create(
            [{"name": f"Bench category {i}"} for i in range(6)]
        )
    stages = env["helpdesk.ticket.stage"].search([], order="sequence")
    step = SPAN_SECONDS / total
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (
            number, name, description, company_id, stage_id, team_id,
            category_id, user_id, priority, kanban_state, active, sequence,
            last_stage_update, closed_date, unattended,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || g, 'Bench ' || g,
               '<p>Klacht over de afhandeling van een reparatieverzoek ' || g
               || '.</p>',
               1, (%(stages)s)[1 + g %% %(nstages)s],
               (%(teams)s)[1 + g %% %(nteams)s],
               (%(categories)s)[1 + (g / 7) %% %(ncategories)s], 2, '1',
               'normal', true, 10, created,
               CASE WHEN g %% 10 <> 0 THEN created + interval '9 days' END,
               false, 2, 2, created, created
          FROM (SELECT g, timestamp '2024-01-01' + g * %(step)s * interval '1 second'
                          AS created
                  FROM generate_series(1, %(total)s) g) s
        """,
        {
            "stages": stages.ids,
            "nstages": len(stages),
            "teams": teams.ids,
            "nteams": len(teams),
            "categories": categories.ids,
            "ncategories": len(categories),
            "step": step,
            "total": total,
        },
    )


def median_time(func, runs=5):
    func()  # warm-up: plans and buffers
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def last_query(cr):
    query = cr._obj.query
    return query.decode() if isinstance(query, bytes) else query


def explain(cr, query):
    cr.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + query)
    return "\n".join(row[0] for row in cr.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--odoo", required=True, help="Odoo 18 source tree")
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--size", type=int, default=1000000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, args.odoo)
    import odoo
    from odoo import api

    config_args = ["-d", args.db, "--log-level=warn"]
    if args.addons_path:
        config_args.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(config_args)
    registry = odoo.modules.registry.Registry(args.db)

    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute("SELECT count(*) FROM klachtenbeheer_complaint")
        complaints = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM helpdesk_ticket")
        tickets = cr.fetchone()[0]
        if complaints < args.size or tickets < args.size:
            start = time.perf_counter()
            if complaints < args.size:
                seed_complaints(env, args.size)
            if tickets < args.size:
                seed_tickets(env, args.size)
            cr.commit()
            print(f"seeded in {time.perf_counter() - start:.0f}s")
        # What autovacuum does on a live register: statistics and the
        # visibility map (index-only scans).
        cr.commit()
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE klachtenbeheer_complaint")
        cr.execute("VACUUM ANALYZE helpdesk_ticket")
        cr._cnx.autocommit = False
        cr.execute(
            "SELECT pg_size_pretty(pg_table_size('klachtenbeheer_complaint')), "
            "pg_size_pretty(pg_table_size('helpdesk_ticket'))"
        )
        print("table sizes (complaint, ticket):", cr.fetchone())

        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": TZ})
        Complaint = env["klachtenbeheer.complaint"]
        Report = env["klachtenbeheer.complaint.report"]
        Ticket = env["helpdesk.ticket"]

        def read_group(model, groupby, aggregates=("__count",)):
            def run():
                return model._read_group([], groupby, list(aggregates))

            return run

        def raw(query):
            def run():
                cr.execute(query)
                return cr.fetchall()

            return run

        tz_quarter = (
            f"date_trunc('quarter', timezone('{TZ}', timezone('UTC', {{col}})))"
        )
        tz_month = f"date_trunc('month', timezone('{TZ}', timezone('UTC', {{col}})))"
        cases = [
            (
                "quarter x team",
                [
                    (
                        "complaints, ORM on date_received (timestamp)",
                        read_group(Complaint, ["date_received:quarter", "team_id"]),
                    ),
                    (
                        "complaints, ORM on date_received_quarter (stored)",
                        read_group(
                            Complaint, ["date_received_quarter:quarter", "team_id"]
                        ),
                    ),
                    (
                        "analysis view, ORM",
                        read_group(
                            Report,
                            ["date_quarter:quarter", "team_id"],
                            ["complaint_count:sum"],
                        ),
                    ),
                    (
                        "complaints, raw SQL on the stored quarter",
                        raw(
                            "SELECT date_received_quarter, team_id, count(*) "
                            "FROM klachtenbeheer_complaint WHERE active "
                            "GROUP BY 1, 2 ORDER BY 1, 2"
                        ),
                    ),
                    (
                        "helpdesk tickets, ORM on create_date",
                        read_group(Ticket, ["create_date:quarter", "team_id"]),
                    ),
                    (
                        "helpdesk tickets, raw SQL",
                        raw(
                            "SELECT "
                            + tz_quarter.format(col="create_date")
                            + ", team_id, count(*) FROM helpdesk_ticket "
                            "WHERE active GROUP BY 1, 2 ORDER BY 1, 2"
                        ),
                    ),
                ],
            ),
            (
                "category x month",
                [
                    (
                        "complaints, ORM on date_received (timestamp)",
                        read_group(Complaint, ["category_id", "date_received:month"]),
                    ),
                    (
                        "complaints, ORM on date_received_month (stored)",
                        read_group(
                            Complaint, ["category_id", "date_received_month:month"]
                        ),
                    ),
                    (
                        "analysis view, ORM",
                        read_group(
                            Report,
                            ["category_id", "date_month:month"],
                            ["complaint_count:sum"],
                        ),
                    ),
                    (
                        "complaints, raw SQL on the stored month",
                        raw(
                            "SELECT category_id, date_received_month, count(*) "
                            "FROM klachtenbeheer_complaint WHERE active "
                            "GROUP BY 1, 2 ORDER BY 1, 2"
                        ),
                    ),
                    (
                        "helpdesk tickets, ORM on create_date",
                        read_group(Ticket, ["category_id", "create_date:month"]),
                    ),
                    (
                        "helpdesk tickets, raw SQL",
                        raw(
                            "SELECT category_id, "
                            + tz_month.format(col="create_date")
                            + ", count(*) FROM helpdesk_ticket "
                            "WHERE active GROUP BY 1, 2 ORDER BY 1, 2"
                        ),
                    ),
                ],
            ),
            (
                "key figures per quarter (analysis view)",
                [
                    (
                        "analysis view, ORM: count, on-time %, founded %, days",
                        read_group(
                            Report,
                            ["date_quarter:quarter"],
                            [
                                "complaint_count:sum",
                                "on_time_rate:avg",
                                "founded_rate:avg",
                                "handling_days:avg",
                            ],
                        ),
                    ),
                    (
                        "open complaints per team (analysis view, ORM)",
                        lambda: Report._read_group(
                            [("is_closed", "=", False)],
                            ["team_id"],
                            ["complaint_count:sum"],
                        ),
                    ),
                ],
            ),
        ]
        print(f"\n## {args.size:,} complaints and {args.size:,} helpdesk tickets\n")
        print("| grouping | query | median of 5 (ms) |")
        print("| --- | --- | ---: |")
        plans = []
        for title, runs in cases:
            for label, func in runs:
                ms = median_time(func, args.runs)
                print(f"| {title} | {label} | {ms:.0f} |")
                if "raw SQL" not in label:
                    func()
                    plans.append((f"{title}: {label}", last_query(cr)))
        for label, query in plans:
            print(f"\n### {label}\n\n```sql\n{query}\n```\n\n```")
            print(explain(cr, query))
            print("```")
        cr.rollback()
        if not args.keep:
            cr.execute(
                "DELETE FROM klachtenbeheer_complaint WHERE name LIKE 'BENCH/%%'"
            )
            cr.execute("DELETE FROM helpdesk_ticket WHERE number LIKE 'BENCH/%%'")
            cr.commit()


if __name__ == "__main__":
    main()
