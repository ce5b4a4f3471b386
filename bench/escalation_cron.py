"""Benchmark: the term cron over a large complaint register.

Seeds N complaints by SQL (5 % open and overdue, the rest closed and
answered), then runs ``_cron_check_terms`` batch by batch and reports, per
batch of 500, the wall time and the number of queries; and the plan of the
query that selects the due complaints. The cost must follow the due
complaints, not the register: a batch costs the same at 100k and at 1M.

Usage (the database must have klachtenbeheer installed, without demo data):

    .venv/bin/python bench/escalation_cron.py --odoo /opt/odoo-18.0 \
        --db kbbench --sizes 100000 1000000 --batches 3

It deletes the complaints it seeded when done.
"""

import argparse
import statistics
import sys
import time


def seed(cr, total, due_share):
    """Insert ``total`` complaints; ``due_share`` of them open and overdue."""
    cr.execute(
        "SELECT id FROM klachtenbeheer_stage WHERE is_closed ORDER BY sequence LIMIT 1"
    )
    closed_stage = cr.fetchone()[0]
    cr.execute(
        "SELECT id FROM klachtenbeheer_stage WHERE is_closed IS NOT TRUE "
        "ORDER BY sequence LIMIT 1"
    )
    open_stage = cr.fetchone()[0]
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    company = cr.fetchone()[0]
    every = round(1 / due_share)
    cr.execute(
        """
        INSERT INTO klachtenbeheer_complaint (
            name, company_id, subject, channel, kind, correspondence,
            priority, date_received,
            registered_by_id, user_id, is_anonymous, active,
            stage_id, is_closed, date_closed, date_answered,
            date_answer_due, date_answer_warn, answer_timeliness,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || g, %(company)s, 'Bench ' || g, 'phone',
               'complaint', 'complainant', '0',
               now() - interval '30 days', 2, 2, true, true,
               CASE WHEN g %% %(every)s = 0 THEN %(open)s ELSE %(closed)s END,
               g %% %(every)s <> 0,
               CASE WHEN g %% %(every)s = 0 THEN NULL
                    ELSE now() - interval '20 days' END,
               CASE WHEN g %% %(every)s = 0 THEN NULL
                    ELSE now() - interval '21 days' END,
               (now() - interval '10 days')::date - (g %% 300),
               (now() - interval '11 days')::date - (g %% 300),
               CASE WHEN g %% %(every)s = 0 THEN NULL ELSE 'on_time' END,
               2, 2, now(), now()
          FROM generate_series(1, %(total)s) g
        """,
        {
            "company": company,
            "every": every,
            "open": open_stage,
            "closed": closed_stage,
            "total": total,
        },
    )
    cr.execute("ANALYZE klachtenbeheer_complaint")


def run(env, batches, batch_size):
    Complaint = env["klachtenbeheer.complaint"]
    results = []
    for _index in range(batches):
        queries_before = env.cr.sql_log_count
        start = time.perf_counter()
        done = Complaint._cron_check_terms(batch_size=batch_size)
        env.flush_all()
        elapsed = time.perf_counter() - start
        results.append((done, elapsed, env.cr.sql_log_count - queries_before))
    return results


def explain(cr):
    cr.execute(
        """
        EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
        SELECT id FROM klachtenbeheer_complaint
         WHERE is_closed IS NOT TRUE AND date_answered IS NULL
           AND paused_since IS NULL AND term_escalated_on IS NULL
           AND date_answer_due < current_date
         ORDER BY date_answer_due, id LIMIT 500
        """
    )
    return "\n".join(row[0] for row in cr.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--odoo", required=True, help="Odoo 18 source tree")
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100000, 1000000])
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()

    sys.path.insert(0, args.odoo)
    import odoo
    from odoo import api

    config_args = ["-d", args.db, "--log-level=warn"]
    if args.addons_path:
        config_args.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(config_args)
    registry = odoo.modules.registry.Registry(args.db)
    for total in args.sizes:
        with registry.cursor() as cr:
            cr.execute(
                "DELETE FROM klachtenbeheer_complaint WHERE name LIKE 'BENCH/%%'"
            )
            start = time.perf_counter()
            seed(cr, total, 0.05)
            cr.commit()
            seeded = time.perf_counter() - start
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            plan = explain(cr)
            results = run(env, args.batches, args.batch_size)
            cr.rollback()
            cr.execute(
                "DELETE FROM klachtenbeheer_complaint WHERE name LIKE 'BENCH/%%'"
            )
            cr.commit()
        times = [elapsed for _done, elapsed, _q in results]
        queries = [q for _done, _elapsed, q in results]
        print(
            f"\n## {total:,} complaints ({total // 20:,} overdue), "
            f"seeded in {seeded:.1f}s"
        )
        for done, elapsed, query_count in results:
            print(f"batch: {done} escalated in {elapsed:.2f}s, {query_count} queries")
        print(
            f"median per batch: {statistics.median(times):.2f}s, "
            f"{statistics.median(queries):.0f} queries, "
            f"{statistics.median(times) / args.batch_size * 1000:.1f} ms per complaint"
        )
        print("selection plan:\n" + plan)


if __name__ == "__main__":
    main()
