"""Benchmark: the suggestions learned from the register, in Odoo.

Seeds by SQL N closed complaints of a company of its own ("Bench
suggestions"), with Dutch texts as a register holds them: five teams and
five categories, each with its own topic words, common words, and rare words
(street names, names, typing errors: letters drawn at random from a pool), a
few other kinds, hidden complaints, handling preferences and representatives.
Then it

1. runs the learning cron (``_cron_learn_suggestions(batch_size)``) as Odoo's
   cron runner does, a commit after each call, until nothing is left, and
   reports the wall time, complaints per second and the queries per batch
   (``cr.sql_log_count``); then again (nothing to do: idempotent);
2. registers M mails as the mail gateway does (``registration_pending``),
   and times the suggestion step of the intake cron
   (``_suggestion_refresh`` on batches of 50, as ``_complete_registration``
   calls it), per mail, with the rows of counts it loads; and one complaint
   alone (the create of the other channels).

Usage (a database with klachtenbeheer installed, demo data or not):

    .venv/bin/python bench/suggestion_learning.py --odoo /opt/odoo-18.0 \\
        --db kbbench --addons-path /opt/odoo-18.0/addons,$PWD \\
        --complaints 100000 --batch-size 1000 --mails 200

It deletes what it seeded when done (the company stays, empty, for the next
run; ``--keep`` keeps everything).
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time

COMPANY = "Bench suggestions"
PREFIX = "BENCHSUG/"
INTAKE_BATCH = 50

TEAMS = {
    "Onderhoud": "lekkage dak schimmel kraan monteur reparatie plafond vocht cv ketel "
    "verwarming storing badkamer toilet riool verstopping kozijn raam tocht",
    "Verhuur": "huurachterstand betalingsregeling incasso aanmaning deurwaarder "
    "huurprijs servicekosten huurverhoging huurcontract opzegging woningruil "
    "inschrijving wachtlijst toewijzing",
    "Leefbaarheid": "overlast buren geluid muziek honden afval zwerfvuil "
    "portiek trappenhuis galerij verlichting hangjongeren drugs stank",
    "Klantcontact": "telefoon wachttijd teruggebeld mail antwoord medewerker "
    "onvriendelijk afspraak vergeten bereikbaarheid klantenservice brief",
    "Projecten": "renovatie sloop nieuwbouw bouwlawaai steiger aannemer "
    "isolatie zonnepanelen planning bewonerscommissie verhuizing",
}
CATEGORIES = {
    "Geen of laat antwoord": "geen reactie nooit gehoord laat wachten weken",
    "Reparatie niet goed": "niet goed opnieuw kapot weer slordig",
    "Verzoek afgewezen": "afgewezen geweigerd niet toegestaan besluit",
    "Onheus bejegend": "grof onbeschoft uitgescholden niet serieus",
    "Overig": "vraag informatie graag",
}
COMMON = (
    "ik wij al sinds weken maanden nog steeds weer niet geen graag snel "
    "zou moeten hebben gebeld gemaild gezegd beloofd komen kijken woning huis "
    "straat buurt bewoner mevrouw meneer vorige week gisteren vandaag morgen "
    "ontevreden boos teleurgesteld probleem oplossen hulp vragen antwoord"
).split()
PREFERENCES = {
    "hearing": "ik wil graag gehoord worden in een hoorzitting",
    "phone_visit": "bel mij graag terug",
    "three_way": "ik wil een gesprek met de medewerker",
}
KINDS = {
    "repair_request": "kunt u een monteur sturen om het te repareren",
    "nuisance": "de buren maken elke nacht overlast",
    "dispute": "ik ga naar de huurcommissie",
}
RARE_POOL = 40000


def rare_words(rng):
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [
        "".join(rng.choice(letters) for _ in range(rng.randint(5, 10)))
        for _ in range(RARE_POOL)
    ]


def text(rng, team, category, rare, extra=""):
    topic = TEAMS[team].split()
    words = (
        rng.sample(topic, 3)
        + rng.sample(CATEGORIES[category].split(), 1)
        + rng.choices(COMMON, k=rng.randint(20, 45))
        + rng.choices(topic, k=rng.randint(3, 8))
        + rng.choices(rare, k=rng.randint(2, 6))
    )
    rng.shuffle(words)
    subject = " ".join(rng.sample(topic, 2)).capitalize()
    sentences = [
        " ".join(words[i : i + 12]).capitalize() + "." for i in range(0, len(words), 12)
    ]
    if extra:
        sentences.append(extra.capitalize() + ".")
    return subject, "<p>" + " ".join(sentences) + "</p>"


def setup(env):
    """The bench company with its teams (the categories are shared)."""
    company = env["res.company"].search([("name", "=", COMPANY)], limit=1)
    if not company:
        company = env["res.company"].create({"name": COMPANY})
    teams = {}
    for name in TEAMS:
        team = env["klachtenbeheer.team"].search(
            [("name", "=", f"Bench {name}"), ("company_id", "=", company.id)], limit=1
        ) or env["klachtenbeheer.team"].create(
            {"name": f"Bench {name}", "company_id": company.id}
        )
        teams[name] = team.id
    categories = {}
    for name in CATEGORIES:
        category = env["klachtenbeheer.category"].search(
            [("name", "=", f"Bench {name}")], limit=1
        ) or env["klachtenbeheer.category"].create({"name": f"Bench {name}"})
        categories[name] = category.id
    return company, teams, categories


def seed(env, company, teams, categories, total, rng, rare):
    from psycopg2.extras import execute_values

    cr = env.cr
    closed = env.ref("klachtenbeheer.stage_closed").id
    representative = env.ref("base.partner_admin").id
    rows = []
    team_names = list(TEAMS)
    category_names = list(CATEGORIES)
    for n in range(1, total + 1):
        team = team_names[n % len(team_names)]
        category = category_names[(n // 7) % len(category_names)]
        extra, preference, kind = "", "informal", "complaint"
        if n % 20 == 0:
            preference = rng.choice(list(PREFERENCES))
            extra = PREFERENCES[preference]
        elif n % 25 == 0:
            kind = rng.choice(list(KINDS))
            extra = KINDS[kind]
        subject, description = text(rng, team, category, rare, extra)
        rows.append(
            (
                f"{PREFIX}{n:07d}",
                company.id,
                subject,
                description,
                "email" if n % 3 else "phone",
                f"bewoner{n % 5000}@example{n % 7}.nl",
                kind,
                preference,
                n % 40 == 0,
                representative if n % 33 == 0 else None,
                teams[team],
                categories[category],
                closed,
            )
        )
    for start in range(0, len(rows), 5000):
        execute_values(
            cr._obj,
            """
            INSERT INTO klachtenbeheer_complaint (
                name, company_id, subject, description, channel,
                email_from, email_normalized, kind, handling_preference,
                is_hidden_complaint, representative_id, team_id, category_id,
                stage_id, is_closed, date_closed, date_received,
                correspondence, priority, is_anonymous, active,
                create_uid, write_uid, create_date, write_date)
            SELECT v.name, v.company, v.subject, v.description, v.channel,
                   v.email, v.email, v.kind, v.preference, v.hidden,
                   v.representative, v.team, v.category, v.stage, true,
                   now() - interval '10 days', now() - interval '40 days',
                   'complainant', '0', false, true, 1, 1, now(), now()
              FROM (VALUES %s) AS v(name, company, subject, description, channel,
                   email, kind, preference, hidden, representative, team,
                   category, stage)
            """,
            rows[start : start + 5000],
            template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s::int, %s, %s, %s)",
        )
    cr.execute("ANALYZE klachtenbeheer_complaint")


def unseed(cr, company_id):
    cr.execute(
        "DELETE FROM klachtenbeheer_suggestion_count WHERE company_id = %s",
        [company_id],
    )
    cr.execute(
        "DELETE FROM klachtenbeheer_complaint WHERE name LIKE %s", [PREFIX + "%"]
    )


def learn(registry, batch_size):
    """The cron runner's loop: one call, a commit, again while work remains.
    -> [(seconds, queries, complaints, Python CPU seconds)] per call."""
    from odoo import SUPERUSER_ID, api

    batches = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        while True:
            env.invalidate_all()
            queries = cr.sql_log_count
            start = time.perf_counter()
            cpu = time.process_time()
            done = env["klachtenbeheer.complaint"]._cron_learn_suggestions(
                batch_size=batch_size
            )
            cr.commit()
            batches.append(
                (
                    time.perf_counter() - start,
                    cr.sql_log_count - queries,
                    done,
                    time.process_time() - cpu,
                )
            )
            if done < batch_size:
                return batches


def intake(env, company, teams, mails, rng, rare):
    """Register ``mails`` complaints as the gateway does, then time the
    suggestion step of the intake cron per mail."""
    Complaint = env(su=True)["klachtenbeheer.complaint"].with_context(
        mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
    )
    team_names = list(TEAMS)
    category_names = list(CATEGORIES)
    vals_list = []
    for n in range(mails):
        subject, description = text(
            rng,
            team_names[n % len(team_names)],
            category_names[n % len(category_names)],
            rare,
        )
        vals_list.append(
            {
                "name": f"{PREFIX}M{n:05d}",
                "company_id": company.id,
                "team_id": teams[team_names[0]],
                "subject": subject,
                "description": description,
                "channel": "email",
                "email_from": f"nieuw{n}@example{n % 7}.nl",
                "registration_pending": True,
                "is_anonymous": True,
            }
        )
    complaints = Complaint.create(vals_list)
    env.flush_all()
    Count = env["klachtenbeheer.suggestion.count"]
    loaded = []
    original = type(Count)._load_tables

    def counting(self, company_id, features):
        tables = original(self, company_id, features)
        loaded.append(sum(len(c) for t in tables.values() for c in t.counts.values()))
        return tables

    type(Count)._load_tables = counting
    per_mail, per_mail_cpu, queries = [], [], []
    try:
        for start in range(0, len(complaints), INTAKE_BATCH):
            batch = complaints[start : start + INTAKE_BATCH]
            env.invalidate_all()
            batch.mapped("subject")  # the intake cron has read them
            count = env.cr.sql_log_count
            begin = time.perf_counter()
            cpu = time.process_time()
            batch._suggestion_refresh(auto_team=batch)
            env.flush_all()
            per_mail.append((time.perf_counter() - begin) / len(batch) * 1000)
            per_mail_cpu.append((time.process_time() - cpu) / len(batch) * 1000)
            queries.append(env.cr.sql_log_count - count)
        alone = []
        for complaint in complaints[:20]:
            env.invalidate_all()
            complaint.mapped("subject")
            begin = time.perf_counter()
            complaint._suggestion_refresh()
            env.flush_all()
            alone.append((time.perf_counter() - begin) * 1000)
    finally:
        type(Count)._load_tables = original
    lines = env["klachtenbeheer.complaint.suggestion"].search_count(
        [("complaint_id", "in", complaints.ids)]
    )
    return per_mail, per_mail_cpu, queries, alone, loaded, lines


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--odoo", default="/opt/odoo-18.0", help="Odoo 18 source tree")
    parser.add_argument("--db", default="kbbench")
    parser.add_argument(
        "--addons-path",
        default=None,
        help="default: the Odoo tree's addons and this repository",
    )
    parser.add_argument("--complaints", type=int, default=100000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--mails", type=int, default=200)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument(
        "--keep", action="store_true", help="leave the seeded rows in place"
    )
    args = parser.parse_args()
    if not args.addons_path:
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        args.addons_path = f"{os.path.join(args.odoo, 'addons')},{here}"

    sys.path.insert(0, args.odoo)
    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(
        ["-d", args.db, "--log-level=warn", f"--addons-path={args.addons_path}"]
    )
    registry = odoo.modules.registry.Registry(args.db)
    rng = random.Random(args.seed)
    rare = rare_words(rng)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company, teams, categories = setup(env)
        unseed(cr, company.id)
        cr.commit()
        cr.execute("SHOW server_version")
        print(
            f"machine: {os.cpu_count()} CPUs, {platform.platform()}, Python "
            f"{platform.python_version()}, Odoo {odoo.release.version}, "
            f"PostgreSQL {cr.fetchone()[0]}"
        )
        # Whatever else waits in this database is learned first, apart.
        learn(registry, args.batch_size)
        try:
            start = time.perf_counter()
            seed(env, company, teams, categories, args.complaints, rng, rare)
            cr.commit()
            seeded = time.perf_counter() - start
            start = time.perf_counter()
            batches = learn(registry, args.batch_size)
            wall = time.perf_counter() - start
            done = sum(b[2] for b in batches)
            seconds = sum(b[0] for b in batches)
            full = [b for b in batches if b[2] == args.batch_size] or batches
            cr.execute(
                "SELECT count(*), max((counts->>'*')::int) "
                "FILTER (WHERE feature = '@vocabulary') "
                "FROM klachtenbeheer_suggestion_count WHERE company_id = %s",
                [company.id],
            )
            rows, vocabulary = cr.fetchone()
            print(
                f"\n## learning {done:,} closed complaints, batch "
                f"{args.batch_size}, seeded in {seeded:.0f}s"
            )
            print(
                "| complaints | batches | seconds | complaints/s | Python CPU s "
                "| queries/batch | batch s: median | max | count rows | vocabulary |"
            )
            print("|" + " ---: |" * 10)
            print(
                f"| {done:,} | {len(batches)} | {seconds:.1f} | "
                f"{done / max(seconds, 1e-9):.0f} | {sum(b[3] for b in batches):.1f} | "
                f"{statistics.median(b[1] for b in full):.0f} | "
                f"{statistics.median(b[0] for b in full):.2f} | "
                f"{max(b[0] for b in batches):.2f} | {rows:,} | {vocabulary:,} |"
            )
            print(
                f"(the loop with its commits took {wall:.1f}s; load average "
                f"{os.getloadavg()[0]:.1f})"
            )
            again = learn(registry, args.batch_size)
            print(
                f"rerun: {sum(b[2] for b in again)} complaints learned "
                f"({again[0][1]} queries)"
            )
            env.invalidate_all()
            per_mail, per_mail_cpu, queries, alone, loaded, lines = intake(
                env, company, teams, args.mails, rng, rare
            )
            print(f"\n## suggestions for {args.mails} mails in the intake cron")
            print(
                "| mails | ms/mail: median | max | Python CPU ms/mail "
                "| queries per batch of 50 "
                "| ms alone (create): median | count rows loaded per batch "
                "| lines |"
            )
            print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            print(
                f"| {args.mails} | {statistics.median(per_mail):.2f} | "
                f"{max(per_mail):.2f} | {statistics.median(per_mail_cpu):.2f} | "
                f"{statistics.median(queries):.0f} | "
                f"{statistics.median(alone):.2f} | "
                f"{statistics.median(loaded[: len(per_mail)]):,.0f} | {lines} |"
            )
            cr.rollback()
        finally:
            cr.rollback()
            if not args.keep:
                unseed(cr, company.id)
                cr.commit()


if __name__ == "__main__":
    main()
