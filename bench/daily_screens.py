"""Benchmark: the daily screens over a large register, against OCA helpdesk_mgmt.

Seeds N complaints and N helpdesk tickets by SQL in the same database, the
same way on both sides: three years of registrations up to today, 40 teams
of three handlers, the newest 5 % open (spread over the open stages, their
answer terms partly passed), N / 5 contacts with an e-mail address as
complainants, about 60 chatter messages per 100 records (one record in
10,000 with 100), and one complainant with 20 complaints and 20 tickets who
has a portal login.

Then it times, as the web client asks them (the views' fields turned into
the ``specification`` of ``web_search_read`` / ``web_read``, limit 80 for a
list, 40 per kanban column, the action's domain, ``tz=Europe/Amsterdam``),
p50 and p95 of ``--runs`` runs after a warm-up, ours and the peer's runs
alternated, each screen as the admin and as a handler (klachtenbeheer: a
handler in three teams; helpdesk_mgmt: a "team tickets" user in the same
three teams), with the record rules:

- kanban by stage: ``web_read_group`` on ``stage_id``, the progress bars
  (``read_progress_bar``, where the view has one) and ``web_search_read``
  per unfolded column, with the domain and default filters of the menu's
  action (ours: Open; the helpdesk's Tickets menu: none), and again over the
  whole register;
- "Mijn open klachten": the list with ``user_id = uid`` and the Open filter,
  with its count;
- search by complainant name, by e-mail and by number (the search view's
  fields and their ``filter_domain``), list and count;
- "Te laat" and "Dreigt te laat" (``deadline_state``) with their count; the
  helpdesk has no answer term, so its row is its Open filter, the set our
  filters select from;
- the contact's complaint count (the smart button on the contact form);
- opening a record with 100 messages: ``web_read`` of the form view's
  fields, the chatter's thread data and its first 30 messages;
- the portal list of the complainant with 20 complaints (``/my/klachten``
  against ``/my/tickets``: count and first page, as the portal user).

For every screen it keeps the SQL the ORM sent (a hook on the cursor),
runs ``EXPLAIN (ANALYZE, BUFFERS)`` on each query that touches a big table
and flags ``Seq Scan`` on one; it prints the plan of the slowest query.

Usage (a database with klachtenbeheer and helpdesk_mgmt, without demo data):

    PEER=.venv/lib/python3.11/site-packages/odoo/addons
    .venv/bin/python bench/daily_screens.py --odoo /opt/odoo-18.0 --db kbbench \
        --addons-path /opt/odoo-18.0/addons,$PWD,$PEER --size 1000000

``--keep`` keeps the seeded rows (a second run then skips seeding);
otherwise they are deleted at the end.
"""

import argparse
import re
import statistics
import sys
import time
from xml.etree import ElementTree

TZ = "Europe/Amsterdam"
TEAMS = 40
HANDLERS_PER_TEAM = 3
SPAN_DAYS = 3 * 365
OPEN_SHARE = 20  # 1 in 20 open: the newest 5 %
BIG_TABLES = (
    "klachtenbeheer_complaint",
    "helpdesk_ticket",
    "mail_message",
    "res_partner",
)
PORTAL_RECORDS = 20
HEAVY_EVERY = 10000  # one record in 10,000 has 100 messages


# ---------------------------------------------------------------- seeding


def seed_people(env, size):
    """Teams, handlers (users of both apps), contacts, the portal user."""
    cr = env.cr
    handler_group = env.ref("klachtenbeheer.group_klachtenbeheer_handler")
    helpdesk_group = env.ref("helpdesk_mgmt.group_helpdesk_user_team")
    Users = env["res.users"].with_context(
        no_reset_password=True, mail_create_nolog=True
    )
    users = Users.search([("login", "like", "bench.handler.%")], order="id")
    if not users:
        users = Users.create(
            [
                {
                    "name": f"Bench Handler {i}",
                    "login": f"bench.handler.{i}",
                    "tz": TZ,
                    "groups_id": [
                        (4, env.ref("base.group_user").id),
                        (4, handler_group.id),
                        (4, helpdesk_group.id),
                    ],
                }
                for i in range(TEAMS * HANDLERS_PER_TEAM)
            ]
        )
    env.ref("base.user_admin").tz = TZ
    ids = users.ids
    Team = env["klachtenbeheer.team"]
    teams = Team.search([("name", "like", "Bench team %")], order="id")
    if not teams:
        teams = Team.create(
            [
                {
                    "name": f"Bench team {t}",
                    "member_ids": [
                        (6, 0, ids[t * HANDLERS_PER_TEAM : (t + 1) * HANDLERS_PER_TEAM])
                    ],
                }
                for t in range(TEAMS)
            ]
        )
    HTeam = env["helpdesk.ticket.team"]
    hteams = HTeam.search([("name", "like", "Bench team %")], order="id")
    if not hteams:
        hteams = HTeam.create(
            [
                {
                    "name": f"Bench team {t}",
                    "user_ids": [
                        (6, 0, ids[t * HANDLERS_PER_TEAM : (t + 1) * HANDLERS_PER_TEAM])
                    ],
                }
                for t in range(TEAMS)
            ]
        )
    # The measured handler works in three teams (its own and two more).
    handler = users[0]
    for team in teams[1:3]:
        team.member_ids = [(4, handler.id)]
    for team in hteams[1:3]:
        team.user_ids = [(4, handler.id)]

    contacts = max(size // 5, 10)
    cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'BENCH/%%'")
    if cr.fetchone()[0] < contacts:
        cr.execute(
            """
            INSERT INTO res_partner (
                name, complete_name, email, email_normalized, ref, active,
                type, is_company, lang, tz, company_id,
                create_uid, write_uid, create_date, write_date)
            SELECT 'Bewoner ' || g || ' de Vries', 'Bewoner ' || g || ' de Vries',
                   'bewoner' || g || '@example.nl', 'bewoner' || g || '@example.nl',
                   'BENCH/' || g, true, 'contact', false, 'nl_NL', %(tz)s, NULL,
                   1, 1, now(), now()
              FROM generate_series(1, %(contacts)s) g
            """,
            {"tz": TZ, "contacts": contacts},
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id "
            "WHERE ref LIKE 'BENCH/%%' AND commercial_partner_id IS NULL"
        )
    cr.execute("SELECT min(id), max(id) FROM res_partner WHERE ref LIKE 'BENCH/%%'")
    first, last = cr.fetchone()
    portal_partner = env["res.partner"].browse(first)
    portal = Users.search([("login", "=", "bench.portal")])
    if not portal:
        portal = Users.create(
            {
                "login": "bench.portal",
                "partner_id": portal_partner.id,
                "tz": TZ,
                "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
            }
        )
    return {
        "users": users,
        "handler": handler,
        "teams": teams,
        "hteams": hteams,
        "first_contact": first,
        "ncontacts": last - first + 1,
        "portal": portal,
    }


def _stages(cr, table, closed_column):
    cr.execute(
        f"SELECT id, {closed_column} IS TRUE FROM {table} ORDER BY sequence, id"  # noqa: S608
    )
    rows = cr.fetchall()
    return [i for i, closed in rows if not closed], [i for i, closed in rows if closed]


def _common_params(env, people, total):
    return {
        "tz": TZ,
        "total": total,
        "span": SPAN_DAYS,
        "open_from": total - total // OPEN_SHARE,
        "users": people["users"].ids,
        "nusers": len(people["users"]),
        "per_team": HANDLERS_PER_TEAM,
        "nteams": TEAMS,
        "first_contact": people["first_contact"],
        "ncontacts": people["ncontacts"],
        "portal_partner": people["portal"].partner_id.id,
        "portal_every": max(total // PORTAL_RECORDS, 1),
    }


# The same spread on both sides: record g (1..N) is received at
# today - 3 years + g * step; the newest 5 % are open; team g % 40 and one of
# its three handlers (every 121st the admin's); contact g % contacts, except
# every N/20-th record (20 of them), which is the portal complainant's.
SPREAD = """
    SELECT g,
           (now() at time zone 'UTC') - interval '1 day' * %(span)s
               + interval '1 day' * %(span)s * g / %(total)s AS received,
           g > %(open_from)s AS is_open,
           g %% %(nteams)s AS team_index,
           CASE WHEN g %% 121 = 0 THEN 2
                ELSE (%(users)s)[1 + (g %% %(nteams)s) * %(per_team)s
                                 + (g / %(nteams)s) %% %(per_team)s] END AS handler_id,
           CASE WHEN g %% %(portal_every)s = 0 AND g / %(portal_every)s <= 20
                THEN %(portal_partner)s
                ELSE %(first_contact)s + 1 + g %% (%(ncontacts)s - 1) END AS partner_id
      FROM generate_series(1, %(total)s) g
"""


def seed_complaints(env, people, total):
    cr = env.cr
    opened, closed = _stages(cr, "klachtenbeheer_stage", "is_closed")
    # Open complaints wait in the stages before the answer.
    opened = opened[:3]
    categories = env["klachtenbeheer.category"].search([]).ids or [None]
    params = _common_params(env, people, total)
    params.update(
        {
            "teams": people["teams"].ids,
            "opened": opened,
            "nopened": len(opened),
            "closed": closed[:1],
            "categories": categories,
            "ncategories": len(categories),
        }
    )
    cr.execute(
        f"""
        INSERT INTO klachtenbeheer_complaint (
            name, company_id, subject, description, channel, kind,
            correspondence, priority, partner_id, contact_name, email_from,
            email_normalized,
            date_received, date_received_month, date_received_quarter,
            date_answer_due, date_answer_warn,
            registered_by_id, user_id, team_id, category_id,
            is_anonymous, active, stage_id, is_closed, date_closed,
            date_answered, answer_timeliness, answer_on_time_rate, validity,
            handling_days, criminal_suspicion, create_uid, write_uid,
            create_date, write_date)
        SELECT 'BENCH/' || g, 1, 'Klacht over reparatie ' || g,
               '<p>Klacht over de afhandeling van een reparatieverzoek ' || g
               || '.</p>',
               (ARRAY['phone', 'email', 'letter', 'web_form', 'front_desk'])
                   [1 + g %% 5],
               'complaint', 'complainant', (ARRAY['0', '0', '0', '1', '2'])[1 + g %% 5],
               p.id, p.name, p.email, p.email_normalized,
               received,
               date_trunc('month', timezone(%(tz)s, timezone('UTC', received)))::date,
               date_trunc('quarter', timezone(%(tz)s, timezone('UTC', received)))::date,
               (received + interval '42 days')::date,
               (received + interval '35 days')::date,
               2, handler_id, (%(teams)s)[1 + team_index],
               (%(categories)s)[1 + (g / 7) %% %(ncategories)s],
               false, true,
               CASE WHEN is_open THEN (%(opened)s)[1 + g %% %(nopened)s]
                    ELSE (%(closed)s)[1] END,
               NOT is_open,
               CASE WHEN NOT is_open THEN received + interval '30 days' END,
               CASE WHEN NOT is_open THEN received + interval '25 days' END,
               CASE WHEN is_open THEN NULL
                    WHEN g %% 4 = 0 THEN 'late' ELSE 'on_time' END,
               CASE WHEN is_open THEN 0 WHEN g %% 4 = 0 THEN 0 ELSE 100 END,
               CASE WHEN is_open THEN NULL
                    ELSE (ARRAY['founded', 'partly_founded', 'unfounded'])[1 + g %% 3]
               END,
               CASE WHEN NOT is_open THEN 1 + g %% 30 ELSE 0 END,
               false, 2, 2, received, received
          FROM ({SPREAD}) s
          JOIN res_partner p ON p.id = s.partner_id
        """,
        params,
    )


def seed_tickets(env, people, total):
    cr = env.cr
    opened, closed = _stages(cr, "helpdesk_ticket_stage", "closed")
    params = _common_params(env, people, total)
    params.update(
        {
            "teams": people["hteams"].ids,
            "opened": opened,
            "nopened": len(opened),
            "closed": closed[:1],
        }
    )
    cr.execute(
        f"""
        INSERT INTO helpdesk_ticket (
            number, name, description, company_id, stage_id, team_id,
            user_id, priority, kanban_state, active, sequence,
            partner_id, commercial_partner_id, partner_name, partner_email,
            last_stage_update, closed_date, unattended,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || g, 'Klacht over reparatie ' || g,
               '<p>Klacht over de afhandeling van een reparatieverzoek ' || g
               || '.</p>',
               1,
               CASE WHEN is_open THEN (%(opened)s)[1 + g %% %(nopened)s]
                    ELSE (%(closed)s)[1] END,
               (%(teams)s)[1 + team_index], handler_id,
               (ARRAY['1', '1', '1', '2', '3'])[1 + g %% 5], 'normal', true, 10,
               p.id, p.id, p.name, p.email,
               received,
               CASE WHEN NOT is_open THEN received + interval '30 days' END,
               false, 2, 2, received, received
          FROM ({SPREAD}) s
          JOIN res_partner p ON p.id = s.partner_id
        """,
        params,
    )


def seed_messages(env, model, table, number_column):
    """About 60 messages per 100 records (3 in 5 records get one), and 100
    on one record in 10,000 (the first of them is the one opened)."""
    cr = env.cr
    subtype = env.ref("mail.mt_note").id
    cr.execute(
        f"""
        INSERT INTO mail_message (
            model, res_id, message_type, subtype_id, body, author_id,
            email_from, date, message_id, is_internal, create_uid, write_uid,
            create_date, write_date)
        SELECT %(model)s, r.id, 'comment', %(subtype)s,
               '<p>Bericht ' || n || ' over ' || r.num || '</p>',
               r.partner_id, 'bewoner@example.nl',
               r.create_date + n * interval '1 hour',
               '<bench-' || %(model)s || '-' || r.id || '-' || n || '@example.nl>',
               false, 2, 2, r.create_date + n * interval '1 hour',
               r.create_date + n * interval '1 hour'
          FROM (SELECT id, {number_column} AS num, partner_id, create_date,
                       substr({number_column}, 7)::int AS g
                  FROM {table} WHERE {number_column} LIKE 'BENCH/%%') r
          CROSS JOIN LATERAL generate_series(
              1, CASE WHEN r.g %% %(heavy)s = 1 THEN 100
                      WHEN r.g %% 5 < 3 THEN 1 ELSE 0 END) n
        """,  # noqa: S608
        {"model": model, "subtype": subtype, "heavy": HEAVY_EVERY},
    )


# ---------------------------------------------------------------- screens


def spec_from_arch(model, arch, view_type):
    """The ``specification`` the web client builds from a view (close
    enough: relational fields read their display name, tags their color,
    inline lists their own columns)."""
    root = ElementTree.fromstring(arch)
    return _spec_of(model, root, view_type)


def _spec_of(model, node, view_type):
    spec = {}
    for child in node:
        if child.tag == "field":
            name = child.get("name")
            if name not in model._fields:
                continue
            field = model._fields[name]
            sub = {}
            if field.type == "many2one":
                sub = {"fields": {"display_name": {}}}
            elif field.type in ("one2many", "many2many"):
                comodel = model.env[field.comodel_name]
                inline = [c for c in child if c.tag in ("list", "kanban", "form")]
                if inline:
                    sub = {"fields": _spec_of(comodel, inline[0], inline[0].tag)}
                    sub["limit"] = 40
                else:
                    sub = {"fields": {"display_name": {}}}
                    options = child.get("options") or ""
                    match = re.search(r"color_field['\"]?\s*:\s*['\"](\w+)", options)
                    if match and match.group(1) in comodel._fields:
                        sub["fields"][match.group(1)] = {}
            if name in spec and not sub:
                continue
            spec[name] = sub
        elif child.tag in ("list", "kanban", "form") and node.tag == "field":
            continue
        else:
            spec.update(_spec_of(model, child, view_type))
    return spec


def view_spec(model, view_type):
    views = model.get_views([(False, view_type)])
    arch = views["views"][view_type]["arch"]
    return spec_from_arch(model, arch, view_type), arch


def action_domain(model, xmlid):
    """The domain the web client opens an action with: the action's own
    domain and the filters its context switches on (``search_default_*``)."""
    from odoo.osv import expression
    from odoo.tools.safe_eval import safe_eval

    action = model.env.ref(xmlid).sudo()
    values = {"uid": model.env.uid, "active_id": False}
    domain = safe_eval(action.domain or "[]", values)
    context = safe_eval(action.context or "{}", values)
    names = {
        key.removeprefix("search_default_")
        for key, value in context.items()
        if key.startswith("search_default_") and value
    }
    if names:
        views = model.get_views([(action.search_view_id.id, "search")])
        root = ElementTree.fromstring(views["views"]["search"]["arch"])
        for node in root.iter("filter"):
            if node.get("name") in names and node.get("domain"):
                domain = expression.AND([domain, safe_eval(node.get("domain"), values)])
    return domain


def kanban_screen(model, domain):
    spec, arch = view_spec(model, "kanban")
    root = ElementTree.fromstring(arch)
    kanban = root if root.tag == "kanban" else root.find(".//kanban")
    group_by = kanban.get("default_group_by")
    bar = kanban.find("progressbar")

    def run():
        groups = model.web_read_group(domain, [], [group_by], lazy=True)["groups"]
        if bar is not None:
            model.read_progress_bar(
                domain, group_by, {"field": bar.get("field"), "colors": {}}
            )
        for group in groups:
            if group.get("__fold"):
                continue
            model.web_search_read(group["__domain"], spec, limit=40, count_limit=10001)

    return run


def list_screen(model, domain, order=None):
    spec, _arch = view_spec(model, "list")

    def run():
        model.web_search_read(domain, spec, limit=80, order=order, count_limit=10001)

    return run


def form_screen(model, record_id):
    from odoo.addons.mail.tools.discuss import Store

    spec, _arch = view_spec(model, "form")

    def run():
        record = model.browse(record_id)
        record.web_read(spec)
        thread = model._get_thread_with_access(record_id)
        Store(
            thread,
            as_thread=True,
            request_list=[
                "activities",
                "attachments",
                "followers",
                "suggestedRecipients",
            ],
        ).get_result()
        domain = [
            ("res_id", "=", record_id),
            ("model", "=", model._name),
            ("message_type", "!=", "user_notification"),
        ]
        res = model.env["mail.message"]._message_fetch(domain, limit=30)
        Store(res["messages"], for_current_user=True).get_result()

    return run


def partner_count_screen(partners, field):
    def run():
        partners.invalidate_recordset([field])
        partners.web_read({field: {}})

    return run


def portal_screen(model, domain_func, order):
    def run():
        domain = domain_func()
        model.search_count(domain)
        records = model.search(domain, order=order, limit=80)
        records.mapped("display_name")

    return run


# ---------------------------------------------------------------- measuring


class SqlRecorder:
    """Wraps ``cr.execute`` to keep the statements (as sent) and their times."""

    def __init__(self, cr):
        self.cr = cr
        self.queries = None
        self._execute = cr.execute

    def __enter__(self):
        self.queries = []
        cr = self.cr
        original = self._execute

        def execute(query, params=None, log_exceptions=True):
            start = time.perf_counter()
            result = original(query, params, log_exceptions)
            sent = cr._obj.query
            sent = sent.decode() if isinstance(sent, bytes) else sent
            self.queries.append((time.perf_counter() - start, sent))
            return result

        cr.execute = execute
        return self

    def __exit__(self, *exc):
        self.cr.execute = self._execute


def percentile(times, share):
    ordered = sorted(times)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def measure_pair(env, ours, peer, runs):
    """p50 and p95 in ms of both sides, their runs alternated (ours first,
    then the peer first, and so on): a shared machine's ups and downs fall
    on both alike. Each run starts with an empty record cache, as a request
    does; the registry's caches (views, rules) stay warm."""
    times = {ours: [], peer: []}
    for func in (ours, peer):
        env.invalidate_all()
        func()  # warm-up: caches, plans, buffers
    for run in range(runs):
        for func in (ours, peer) if run % 2 == 0 else (peer, ours):
            env.invalidate_all()
            start = time.perf_counter()
            func()
            times[func].append((time.perf_counter() - start) * 1000)
    return [
        (statistics.median(times[func]), percentile(times[func], 0.95))
        for func in (ours, peer)
    ]


def explain_all(cr, queries):
    """EXPLAIN every SELECT on a big table; return (seq scans, slowest plan)."""
    seq_scans = set()
    slowest = (0, None, None, [])
    breakdown = []
    for _elapsed, query in queries:
        text = query.lstrip()
        if not text.upper().startswith(("SELECT", "WITH")):
            continue
        if not any(f'"{t}"' in text or f" {t} " in text for t in BIG_TABLES):
            continue
        cr.execute("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, COSTS OFF) " + text)
        plan = "\n".join(row[0] for row in cr.fetchall())
        for table in BIG_TABLES:
            if re.search(rf"Seq Scan on {table}\b", plan):
                seq_scans.add(table)
        match = re.search(r"Execution Time: ([\d.]+) ms", plan)
        ms = float(match.group(1)) if match else 0
        breakdown.append((ms, _label(text)))
        if ms >= slowest[0]:
            slowest = (ms, text, plan, breakdown)
    if slowest[1]:
        slowest = slowest[:3] + (sorted(breakdown, reverse=True),)
    return seq_scans, slowest


def _label(query):
    """A short name for a query: its table, grouping or order, its domain."""
    table = re.search(r'FROM "(\w+)"', query)
    where = re.search(r"WHERE (.*?)(?: GROUP BY| ORDER BY| LIMIT|$)", query, re.S)
    tail = re.search(r"(GROUP BY .*?|ORDER BY .*?)(?: LIMIT|$)", query, re.S)
    parts = [table.group(1) if table else query[:40]]
    if tail:
        parts.append(tail.group(1)[:60])
    if where:
        parts.append("WHERE " + where.group(1)[:90])
    return " ".join(parts).replace("|", "/")


def main():  # noqa: C901
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--odoo", required=True, help="Odoo 18 source tree")
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--size", type=int, default=1000000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-plans", action="store_true", help="skip EXPLAIN")
    parser.add_argument(
        "--jit",
        choices=["server", "on", "off"],
        default="server",
        help="PostgreSQL's JIT for the measured session (default: the server's)",
    )
    parser.add_argument(
        "--seed-only", action="store_true", help="seed (kept), vacuum and stop"
    )
    args = parser.parse_args()

    sys.path.insert(0, args.odoo)
    import odoo
    from odoo import api
    from odoo.tools import SQL

    config_args = ["-d", args.db, "--log-level=warn"]
    if args.addons_path:
        config_args.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(config_args)
    registry = odoo.modules.registry.Registry(args.db)

    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tz": TZ})
        start = time.perf_counter()
        people = seed_people(env, args.size)
        cr.execute(
            "SELECT count(*) FROM klachtenbeheer_complaint WHERE name LIKE 'BENCH/%%'"
        )
        if cr.fetchone()[0] < args.size:
            seed_complaints(env, people, args.size)
            seed_messages(
                env, "klachtenbeheer.complaint", "klachtenbeheer_complaint", "name"
            )
        cr.execute("SELECT count(*) FROM helpdesk_ticket WHERE number LIKE 'BENCH/%%'")
        if cr.fetchone()[0] < args.size:
            seed_tickets(env, people, args.size)
            seed_messages(env, "helpdesk.ticket", "helpdesk_ticket", "number")
        cr.commit()
        print(f"seeded in {time.perf_counter() - start:.0f}s")
        # What autovacuum does on a live register: statistics and the
        # visibility map (index-only scans).
        cr._cnx.autocommit = True
        for table in BIG_TABLES:
            cr.execute(f"VACUUM ANALYZE {table}")
        cr._cnx.autocommit = False
        cr.execute(
            "SELECT relname, pg_size_pretty(pg_table_size(oid)) FROM pg_class "
            "WHERE relname IN %s ORDER BY relname",
            [BIG_TABLES],
        )
        sizes = ", ".join(f"{n} {s}" for n, s in cr.fetchall())
        cr.execute(
            "SELECT (SELECT count(*) FROM klachtenbeheer_complaint), "
            "(SELECT count(*) FROM helpdesk_ticket), "
            "(SELECT count(*) FROM mail_message), "
            "(SELECT count(*) FROM res_partner)"
        )
        counts = cr.fetchone()
        print("rows (complaints, tickets, messages, contacts):", counts)
        print("table sizes:", sizes)
        if args.seed_only:
            return

        cr.execute("SELECT id FROM klachtenbeheer_complaint WHERE name = 'BENCH/1'")
        heavy_complaint = cr.fetchone()[0]
        cr.execute("SELECT id FROM helpdesk_ticket WHERE number = 'BENCH/1'")
        heavy_ticket = cr.fetchone()[0]
        # A complainant somewhere in the middle (five complaints at 1M).
        probe_g = args.size // 2 + 1
        cr.execute(
            "SELECT partner_id, email_from FROM klachtenbeheer_complaint "
            "WHERE name = %s",
            [f"BENCH/{probe_g}"],
        )
        probe_partner_id, probe_email = cr.fetchone()
        probe_name = env["res.partner"].browse(probe_partner_id).name
        probe_number = f"BENCH/{probe_g}"

        cr_env = env
        if args.jit != "server":
            cr.execute(SQL("SET jit = %s", args.jit))
        cr.execute("SHOW jit")
        print("jit:", cr.fetchone()[0])
        admin = env.ref("base.user_admin")
        roles = [("admin", admin), ("handler", people["handler"])]

        def envs_for(user):
            context = {
                "tz": TZ,
                "lang": "en_US",
                "uid": user.id,
                "allowed_company_ids": [1],
                "bin_size": True,
            }
            return api.Environment(cr, user.id, context)

        def screens(uenv, user):
            Complaint = uenv["klachtenbeheer.complaint"]
            Ticket = uenv["helpdesk.ticket"]
            Partner = uenv["res.partner"]
            probe = Partner.browse(probe_partner_id)
            return [
                (
                    "kanban by stage (the menu's default filter)",
                    kanban_screen(
                        Complaint,
                        action_domain(
                            Complaint, "klachtenbeheer.klachtenbeheer_complaint_action"
                        ),
                    ),
                    kanban_screen(
                        Ticket,
                        action_domain(Ticket, "helpdesk_mgmt.helpdesk_ticket_action"),
                    ),
                ),
                (
                    "kanban by stage, whole register (no filter)",
                    kanban_screen(Complaint, []),
                    kanban_screen(Ticket, []),
                ),
                (
                    "Mijn open klachten (list + count)",
                    list_screen(
                        Complaint,
                        [("user_id", "=", user.id), ("is_closed", "=", False)],
                    ),
                    list_screen(
                        Ticket, [("user_id", "=", user.id), ("closed", "=", False)]
                    ),
                ),
                (
                    "search complainant name",
                    list_screen(Complaint, [("partner_id", "ilike", probe_name)]),
                    list_screen(Ticket, [("partner_id", "ilike", probe_name)]),
                ),
                (
                    "search e-mail",
                    list_screen(
                        Complaint,
                        [
                            "|",
                            "|",
                            ("name", "ilike", probe_email),
                            ("subject", "ilike", probe_email),
                            ("email_from", "ilike", probe_email),
                        ],
                    ),
                    list_screen(Ticket, [("partner_email", "ilike", probe_email)]),
                ),
                (
                    "search number",
                    list_screen(
                        Complaint,
                        [
                            "|",
                            "|",
                            ("name", "ilike", probe_number),
                            ("subject", "ilike", probe_number),
                            ("email_from", "ilike", probe_number),
                        ],
                    ),
                    list_screen(
                        Ticket,
                        [
                            "|",
                            ("number", "ilike", probe_number),
                            ("name", "ilike", probe_number),
                        ],
                    ),
                ),
                (
                    "Te laat (overdue) *",
                    list_screen(Complaint, [("deadline_state", "=", "overdue")]),
                    list_screen(Ticket, [("closed", "=", False)]),
                ),
                (
                    "Dreigt te laat (at risk) *",
                    list_screen(Complaint, [("deadline_state", "=", "at_risk")]),
                    list_screen(Ticket, [("closed", "=", False)]),
                ),
                (
                    "contact's complaint count",
                    partner_count_screen(probe, "klachtenbeheer_complaint_count"),
                    partner_count_screen(probe, "helpdesk_ticket_count"),
                ),
                (
                    "open a record with 100 messages",
                    form_screen(Complaint, heavy_complaint),
                    form_screen(Ticket, heavy_ticket),
                ),
            ]

        results = []
        plans = []
        for role, user in roles:
            uenv = envs_for(user)
            for title, ours, peer in screens(uenv, user):
                row = [role, title]
                timings = measure_pair(cr_env, ours, peer, args.runs)
                sides = ("klachtenbeheer", "helpdesk_mgmt")
                for side, func, (p50, p95) in zip(
                    sides, (ours, peer), timings, strict=True
                ):
                    seq = set()
                    if not args.no_plans:
                        recorder = SqlRecorder(cr)
                        with recorder:
                            cr_env.invalidate_all()
                            func()
                        seq, slowest = explain_all(cr, recorder.queries)
                        if slowest[1]:
                            plans.append(
                                (
                                    f"{role}, {title}, {side}",
                                    len(recorder.queries),
                                    slowest,
                                )
                            )
                    row += [p50, p95, seq]
                results.append(row)
        # The portal: the complainant with 20 complaints and 20 tickets.
        portal = people["portal"]
        penv = envs_for(portal)
        partner = portal.commercial_partner_id

        def peer_portal_domain():
            from odoo.osv.expression import AND

            return AND([[], penv["ir.rule"]._compute_domain("helpdesk.ticket", "read")])

        portal_row = ["portal user", "portal list (20 complaints)"]
        portal_funcs = (
            portal_screen(
                penv["klachtenbeheer.complaint"],
                lambda: [("partner_id", "child_of", partner.ids)],
                "date_received desc, id desc",
            ),
            portal_screen(
                penv["helpdesk.ticket"], peer_portal_domain, "create_date desc"
            ),
        )
        timings = measure_pair(cr_env, *portal_funcs, args.runs)
        for side, func, (p50, p95) in zip(
            ("klachtenbeheer", "helpdesk_mgmt"), portal_funcs, timings, strict=True
        ):
            seq = set()
            if not args.no_plans:
                recorder = SqlRecorder(cr)
                with recorder:
                    cr_env.invalidate_all()
                    func()
                seq, slowest = explain_all(cr, recorder.queries)
                if slowest[1]:
                    plans.append((f"portal, {side}", len(recorder.queries), slowest))
            portal_row += [p50, p95, seq]
        results.append(portal_row)

        print(
            f"\n## {args.size:,} complaints and {args.size:,} helpdesk tickets, "
            f"p50/p95 of {args.runs} runs (ms)\n"
        )
        print(
            "| as | screen | ours p50 | ours p95 | peer p50 | peer p95 | "
            "ratio p50 | seq scans (ours / peer) |"
        )
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for role, title, p50, p95, seq, pp50, pp95, pseq in results:
            ratio = p50 / pp50 if pp50 else float("nan")
            print(
                f"| {role} | {title} | {p50:.1f} | {p95:.1f} | "
                f"{pp50:.1f} | {pp95:.1f} | "
                f"{ratio:.2f} | {', '.join(sorted(seq)) or 'none'} / "
                f"{', '.join(sorted(pseq)) or 'none'} |"
            )
        print("\n\\* the helpdesk has no answer term: its row is its Open filter.")
        for label, nqueries, (ms, query, plan, breakdown) in plans:
            print(f"\n### {label} ({nqueries} queries; slowest {ms:.1f} ms)\n")
            print("Queries on the big tables (EXPLAIN ANALYZE execution time):\n")
            for qms, qlabel in breakdown[:6]:
                print(f"- {qms:.1f} ms: `{qlabel}`")
            print(f"\nThe slowest:\n\n```sql\n{query}\n```\n\n```\n{plan}\n```")
        cr.rollback()
        if not args.keep:
            cr.execute("DELETE FROM mail_message WHERE message_id LIKE '<bench-%%'")
            cr.execute(
                "DELETE FROM klachtenbeheer_complaint WHERE name LIKE 'BENCH/%%'"
            )
            cr.execute("DELETE FROM helpdesk_ticket WHERE number LIKE 'BENCH/%%'")
            cr.commit()


if __name__ == "__main__":
    main()
