"""Benchmark: the retention cron's anonymisation over a large register.

Seeds by SQL N closed complaints of one company, closed three years ago (past
the default retention of 24 months), as a register holds them: a complainant
each (0.8 N contacts, so some have two or three complaints, spread over the
register), description, facts, desired outcome and answer naming the
complainant and a phone number, contact details, three chatter messages (the
complainant's mail as author, an internal note, a stage change with two
tracking values: the stage, which anonymising keeps, and the complainant,
which it removes), the complainant and an employee as followers, for 10 % a
small attachment (``db_datas``) on the complaint and its mail, and for 1 % a
legal hold that ran out a year ago. Then it runs
``_cron_anonymise_expired(batch_size)`` as Odoo's cron runner does: a
progress record per call (``_notify_progress`` writes to it), a commit after
each call, again until no expired complaint is left. It reports the wall time,
complaints per second, queries per complaint (``cr.sql_log_count``, the
commit included), the batches, where the time of a batch goes (wrapped
methods), and what the selection of a batch and the count of the remaining
complaints cost on the full register (EXPLAIN ANALYZE, rolled back).

Then the resume test, on a second, smaller set: the loop runs in a child
process, SIGKILLed in the middle of a batch once half of the batches are
committed (its backend terminated with it); then the loop runs again to the
end. PASS/FAIL lines check, for both sets: at the kill, whole batches done or
untouched; every complaint anonymised once (one chatter note "Personal data
removed ..." each, in the company's language, no message more or less), the
dates of those done before the kill unchanged, nothing personal left in the
complaints (every text column searched for the seeded names, phone numbers
and streets), their chatter, tracking values, attachments, followers and
contacts.

There is no peer to compare with: OCA helpdesk_mgmt has no retention or
anonymisation of tickets.

Usage (a database with klachtenbeheer installed, without demo data, holding
no expired complaint of its own: the cron anonymises every expired complaint
of the database, so the benchmark refuses to run on one that has any):

    .venv/bin/python bench/anonymise.py --odoo /opt/odoo-18.0 --db kbbench \
        --addons-path /opt/odoo-18.0/addons,$PWD --complaints 100000 \
        --batch-size 500 --resume-complaints 5000

It deletes what it seeded when done (``--keep`` keeps it; a next run deletes
it first).
"""

import argparse
import os
import platform
import signal
import statistics
import subprocess
import sys
import time

SEED_TABLE = "bench_anonymise_seed"
COMPLAINT = "klachtenbeheer.complaint"
# What the seeded personal data looks like; searched for afterwards, in every
# text column, case-insensitively.
MARKERS = r"pietersen|06-55|\+31655|lindelaan"
NOTE_SOURCE = "Personal data removed on %(date)s by %(user)s: %(reason)s."
# The complaint's columns the seed fills with personal data.
PERSONAL_COLUMNS = (
    "partner_id",
    "contact_name",
    "email_from",
    "email_normalized",
    "phone",
    "street",
    "zip",
    "city",
    "description",
    "desired_outcome",
    "facts",
    "answer",
    "access_token",
    "intake_message_id",
    "complainant_lang",
)


# ----------------------------------------------------------------------
# Seeding
# ----------------------------------------------------------------------


def seed(env, set_name, total, year):
    """Insert ``total`` expired complaints (named KL/<year>/000001...) with
    their contacts, chatter, tracking values, followers and attachments;
    their ids go to SEED_TABLE under ``set_name``."""
    cr = env.cr
    team = env["klachtenbeheer.team"].search([("name", "=", "Bench retention")])
    if not team:
        team = env["klachtenbeheer.team"].create({"name": "Bench retention"})
    admin = env.ref("base.user_admin")
    params = {
        "total": total,
        "partners": max(1, round(total * 0.8)),
        "year": year,
        "company": env.company.id,
        "team": team.id,
        "closed": env.ref("klachtenbeheer.stage_closed").id,
        "answered": env.ref("klachtenbeheer.stage_answered").id,
        "admin": admin.id,
        "admin_partner": admin.partner_id.id,
        "comment": env.ref("mail.mt_comment").id,
        "note": env.ref("mail.mt_note").id,
        "stage_field": env["ir.model.fields"]._get(COMPLAINT, "stage_id").id,
        "partner_field": env["ir.model.fields"]._get(COMPLAINT, "partner_id").id,
        "set": set_name,
        "model": COMPLAINT,
    }
    cr.execute(
        f"CREATE TABLE IF NOT EXISTS {SEED_TABLE} "
        "(set_name varchar, res_model varchar, res_id integer)"
    )
    cr.execute(
        f"CREATE INDEX IF NOT EXISTS {SEED_TABLE}_idx "
        f"ON {SEED_TABLE} (set_name, res_model, res_id)"
    )
    # Ids first (temporary tables), so that the rows can point to each other.
    cr.execute(
        """
        CREATE TEMP TABLE bench_p ON COMMIT DROP AS
        SELECT g, nextval('res_partner_id_seq')::int AS id,
               (ARRAY['Anna', 'Bram', 'Carla', 'Daan', 'Eva', 'Femke', 'Gert'])
                   [1 + g %% 7] || ' Pietersen-' || g AS name,
               'pietersen' || g || '@voorbeeld.example' AS email,
               '06-55' || lpad(g::text, 6, '0') AS phone,
               'Lindelaan ' || (1 + g %% 300) AS street,
               md5(random()::text || g::text) AS key
          FROM generate_series(1, %(partners)s) g;
        CREATE TEMP TABLE bench_c ON COMMIT DROP AS
        SELECT s.g, s.id, p.id AS partner_id, p.name, p.email, p.phone,
               p.street, p.key, s.m_mail, s.m_note, s.m_stage, s.attachment,
               s.closed
          FROM (
                -- The ids in the order of the numbers, as a register grows:
                -- a complainant's second complaint comes later.
                SELECT n AS g,
                       nextval('klachtenbeheer_complaint_id_seq')::int AS id,
                       nextval('mail_message_id_seq')::int AS m_mail,
                       nextval('mail_message_id_seq')::int AS m_note,
                       nextval('mail_message_id_seq')::int AS m_stage,
                       CASE WHEN n %% 10 = 0
                            THEN nextval('ir_attachment_id_seq')::int
                       END AS attachment,
                       now() at time zone 'UTC' - interval '3 years'
                           - make_interval(secs => %(total)s - n) AS closed
                  FROM generate_series(1, %(total)s) AS n
          ) AS s
          JOIN bench_p p ON p.g = CASE WHEN s.g <= %(partners)s THEN s.g
                                       ELSE 1 + (s.g * 7919) %% %(partners)s END;
        """,
        params,
    )
    cr.execute(
        """
        INSERT INTO res_partner (
            id, name, complete_name, email, email_normalized, phone,
            phone_sanitized, street, zip, city, lang, type, active, is_company,
            partner_share, commercial_partner_id, klachtenbeheer_key,
            message_bounce, create_uid, write_uid, create_date, write_date)
        SELECT id, name, name, email, email, phone,
               '+31655' || lpad(g::text, 6, '0'), street, '3511 AB', 'Utrecht',
               'en_US', 'contact', true, false, true, id, key, 0,
               1, 1, now() - interval '4 years', now() - interval '4 years'
          FROM bench_p;

        INSERT INTO klachtenbeheer_complaint (
            id, name, company_id, subject, correspondence, channel, kind,
            priority, handling_preference, date_received, date_received_month,
            date_received_quarter, date_acknowledged, date_answered,
            date_closed, is_closed, stage_id, team_id, user_id,
            registered_by_id, partner_id, complainant_key, contact_name,
            email_from, email_normalized, phone, street, zip, city,
            complainant_lang, description, desired_outcome, facts, answer,
            validity, answer_timeliness, handling_days, access_token,
            intake_message_id, is_anonymous, active, message_bounce,
            legal_hold, legal_hold_until, legal_hold_reason,
            create_uid, write_uid, create_date, write_date)
        SELECT c.id, 'KL/' || %(year)s || '/' || lpad(c.g::text, 6, '0'),
               %(company)s, 'Lekkage badkamer bij ' || c.name, 'complainant',
               'email', 'complaint', '0', 'informal',
               c.closed - interval '40 days',
               date_trunc('month', c.closed - interval '40 days')::date,
               date_trunc('quarter', c.closed - interval '40 days')::date,
               c.closed - interval '39 days', c.closed - interval '5 days',
               c.closed, true, %(closed)s, %(team)s, %(admin)s, 1,
               c.partner_id, c.key, c.name, c.email, c.email, c.phone,
               c.street, '3511 AB', 'Utrecht', 'nl_NL',
               '<p>Ik, ' || c.name || ', woon op ' || c.street
               || '. Sinds maart lekt het plafond van de badkamer. Bel mij op '
               || c.phone || '.</p>',
               'Dat ' || c.name || ' een nieuwe badkamer krijgt.',
               'Bezoek bij ' || c.name || ' (' || c.phone || '): vochtplek 2 m2.',
               '<p>Geachte ' || c.name || ', uw klacht is gegrond.</p>',
               'founded', 'on_time', 35, md5(c.g::text || 'token'),
               '<kb-' || %(set)s || '-' || c.g || '@voorbeeld.example>',
               false, true, 0,
               c.g %% 100 = 0,
               CASE WHEN c.g %% 100 = 0 THEN (now() - interval '1 year')::date END,
               CASE WHEN c.g %% 100 = 0 THEN 'Rechtszaak van ' || c.name END,
               1, %(admin)s, c.closed - interval '40 days', c.closed
          FROM bench_c c;

        INSERT INTO mail_message (
            id, model, res_id, message_type, subtype_id, author_id,
            email_from, reply_to, subject, record_name, body, message_id,
            is_internal, date, create_uid, write_uid, create_date, write_date)
        SELECT c.m_mail, %(model)s, c.id, 'comment', %(comment)s, c.partner_id,
               '"' || c.name || '" <' || c.email || '>', c.email,
               'Lekkage badkamer', 'KL/' || %(year)s || '/' || lpad(c.g::text, 6, '0'),
               '<p>Beste, mijn badkamer lekt. Groet, ' || c.name || ', '
               || c.phone || '</p>',
               '<kb-' || %(set)s || '-' || c.g || '@voorbeeld.example>', false,
               c.closed - interval '40 days', 1, 1,
               c.closed - interval '40 days', c.closed - interval '40 days'
          FROM bench_c c
        UNION ALL
        SELECT c.m_note, %(model)s, c.id, 'comment', %(note)s, %(admin_partner)s,
               NULL, NULL, NULL, 'KL/' || %(year)s || '/' || lpad(c.g::text, 6, '0'),
               '<p>Gebeld met ' || c.name || ' op ' || c.phone
               || ', afspraak gemaakt.</p>',
               '<kb-note-' || %(set)s || '-' || c.g || '@voorbeeld.example>', true,
               c.closed - interval '30 days', %(admin)s, %(admin)s,
               c.closed - interval '30 days', c.closed - interval '30 days'
          FROM bench_c c
        UNION ALL
        SELECT c.m_stage, %(model)s, c.id, 'notification', %(note)s,
               %(admin_partner)s, NULL, NULL, NULL,
               'KL/' || %(year)s || '/' || lpad(c.g::text, 6, '0'), '',
               '<kb-stage-' || %(set)s || '-' || c.g || '@voorbeeld.example>', true,
               c.closed, %(admin)s, %(admin)s, c.closed, c.closed
          FROM bench_c c;

        INSERT INTO mail_tracking_value (
            mail_message_id, field_id, old_value_integer, new_value_integer,
            old_value_char, new_value_char, create_uid, write_uid,
            create_date, write_date)
        SELECT c.m_stage, %(stage_field)s, %(answered)s, %(closed)s,
               'Answered', 'Closed', %(admin)s, %(admin)s, c.closed, c.closed
          FROM bench_c c
        UNION ALL
        SELECT c.m_stage, %(partner_field)s, 0, c.partner_id, '', c.name,
               %(admin)s, %(admin)s, c.closed, c.closed
          FROM bench_c c;
        -- A tracked field removed since (a module update): Odoo keeps its
        -- values, field_id NULL, its name in field_info.
        INSERT INTO mail_tracking_value (
            mail_message_id, field_id, field_info, old_value_char,
            new_value_char, create_uid, write_uid, create_date, write_date)
        SELECT c.m_stage, NULL,
               '{"desc": "Mobile", "name": "mobile", "sequence": 100, '
               '"type": "char"}', '', c.phone, %(admin)s, %(admin)s, c.closed,
               c.closed
          FROM bench_c c WHERE c.g %% 100 = 50;

        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT %(model)s, c.id, c.partner_id FROM bench_c c
        UNION ALL
        SELECT %(model)s, c.id, %(admin_partner)s FROM bench_c c;

        INSERT INTO ir_attachment (
            id, name, type, res_model, res_id, company_id, db_datas, file_size,
            checksum, mimetype, public, create_uid, write_uid, create_date,
            write_date)
        SELECT c.attachment, 'foto-lekkage-' || c.name || '.pdf', 'binary',
               %(model)s, c.id, %(company)s, data, length(data),
               left(encode(sha256(data), 'hex'), 40), 'application/pdf', false,
               1, 1, c.closed - interval '40 days', c.closed - interval '40 days'
          FROM bench_c c,
               convert_to('%%PDF-1.4 ' || repeat(c.name || ' ', 40), 'UTF8') data
         WHERE c.attachment IS NOT NULL;

        INSERT INTO message_attachment_rel (message_id, attachment_id)
        SELECT m_mail, attachment FROM bench_c WHERE attachment IS NOT NULL;
        """,
        params,
    )
    cr.execute(
        f"""
        INSERT INTO {SEED_TABLE} (set_name, res_model, res_id)
        SELECT %(set)s, %(model)s, id FROM bench_c
        UNION ALL
        SELECT %(set)s, 'res.partner', id FROM bench_p
        UNION ALL
        SELECT %(set)s, 'ir.attachment', attachment FROM bench_c
         WHERE attachment IS NOT NULL
        """,
        params,
    )
    for table in (
        "res_partner",
        "klachtenbeheer_complaint",
        "mail_message",
        "mail_tracking_value",
        "mail_followers",
        "ir_attachment",
        "message_attachment_rel",
        SEED_TABLE,
    ):
        cr.execute(f"ANALYZE {table}")


def seeded(set_name, model):
    return (
        f"(SELECT res_id FROM {SEED_TABLE} "
        f"WHERE set_name = '{set_name}' AND res_model = '{model}')"
    )


def unseed(cr):
    cr.execute("SELECT to_regclass(%s)", [SEED_TABLE])
    if not cr.fetchone()[0]:
        return
    complaints = f"(SELECT res_id FROM {SEED_TABLE} WHERE res_model = '{COMPLAINT}')"
    partners = f"(SELECT res_id FROM {SEED_TABLE} WHERE res_model = 'res.partner')"
    attachments = f"(SELECT res_id FROM {SEED_TABLE} WHERE res_model = 'ir.attachment')"
    cr.execute(
        f"""
        DELETE FROM mail_message
         WHERE model = '{COMPLAINT}' AND res_id IN {complaints};
        DELETE FROM mail_message WHERE model = 'res.partner' AND res_id IN {partners};
        DELETE FROM mail_followers
         WHERE res_model = '{COMPLAINT}' AND res_id IN {complaints};
        DELETE FROM ir_attachment
         WHERE id IN {attachments}
            OR (res_model = '{COMPLAINT}' AND res_id IN {complaints});
        DELETE FROM klachtenbeheer_complaint WHERE id IN {complaints};
        DELETE FROM res_partner WHERE id IN {partners};
        DROP TABLE {SEED_TABLE};
        """
    )


def expired(cr):
    """The complaints still to anonymise: closed more than 24 months ago (the
    default retention), legal holds aside."""
    cr.execute(
        """
        SELECT count(*) FROM klachtenbeheer_complaint
         WHERE anonymised IS NOT TRUE AND is_closed
           AND date_closed < now() at time zone 'UTC' - interval '24 months'
        """
    )
    return cr.fetchone()[0]


# ----------------------------------------------------------------------
# The cron runner
# ----------------------------------------------------------------------


def cron_env(cr):
    """An environment as the cron runner makes one: the cron's user, its id
    in the context."""
    from odoo import SUPERUSER_ID, api

    cron = api.Environment(cr, SUPERUSER_ID, {}).ref(
        "klachtenbeheer.ir_cron_anonymise_expired"
    )
    return api.Environment(cr, cron.user_id.id, {"cron_id": cron.id})["ir.cron"].browse(
        cron.id
    )


def drain(cr, batch_size, on_commit=None):
    """Call the cron method, committing after each call, until nothing is
    left; per batch (seconds, queries, done, remaining as notified)."""
    cron = cron_env(cr)
    batches = []
    while expired(cr):
        cron_p, progress = cron._add_progress(timed_out_counter=0)
        cr.commit()
        queries_before = cr.sql_log_count
        start = time.perf_counter()
        cron_p.env[COMPLAINT]._cron_anonymise_expired(batch_size=batch_size)
        cron_p.env.flush_all()
        cr.commit()
        elapsed = time.perf_counter() - start
        queries = cr.sql_log_count - queries_before
        cron_p.env.invalidate_all()
        batches.append((elapsed, queries, progress.done, progress.remaining))
        if on_commit:
            on_commit(batches[-1])
        if not progress.done:
            print("FAIL: a call anonymised nothing while complaints remain")
            break
    return batches


PHASES = {}


def time_phases(registry):
    """Wrap the steps of a batch to see where its time goes."""

    def wrap(model, method, label):
        cls = registry[model]
        original = getattr(cls, method)

        def timed(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                PHASES[label] = PHASES.get(label, 0.0) + time.perf_counter() - start

        setattr(cls, method, timed)

    wrap(COMPLAINT, "_cron_anonymise_expired", "call")
    wrap(COMPLAINT, "_anonymise", "_anonymise")
    wrap(COMPLAINT, "_anonymise_mail", "_anonymise_mail (chatter, attachments)")
    wrap("res.partner", "_klachtenbeheer_forget", "_klachtenbeheer_forget (contacts)")
    wrap(COMPLAINT, "_message_log_batch", "_message_log_batch (notes)")
    wrap("klachtenbeheer.mail.failure", "_gc_retention", "_gc_retention")


def explain_selection(env, batch_size):
    """The batch's selection and the count of the remaining complaints, as
    the cron runs them (locking) and without the lock; rolled back."""
    from odoo import fields
    from odoo.tools import SQL

    Complaint = env[COMPLAINT]
    now = fields.Datetime.now()
    query = Complaint._retention_expired_query(now, batch_size)
    everything = Complaint._retention_expired_query(now, 1000000)
    unlocked = SQL(
        everything.code.replace("FOR UPDATE OF c SKIP LOCKED", ""), *everything.params
    )
    results = {}
    for label, sql in (
        (f"selection of a batch ({batch_size}, locking)", query),
        (
            "count of the remaining (locking, as the cron does)",
            SQL("SELECT count(*) FROM (%s) AS e", everything),
        ),
        (
            "count of the remaining without the lock",
            SQL("SELECT count(*) FROM (%s) AS e", unlocked),
        ),
    ):
        env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) %s", sql))
        plan = [row[0] for row in env.cr.fetchall()]
        results[label] = plan
        env.cr.rollback()
    return results


# ----------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------


def note_prefix(env):
    """The start of the note, in the company's language."""
    from odoo.tools.translate import get_translation

    lang = env.company.partner_id.lang or "en_US"
    return get_translation("klachtenbeheer", lang, NOTE_SOURCE, ()).split("%(")[0]


def one(cr, query, params=None):
    cr.execute(query, params)
    return cr.fetchone()


def check_complete(env, set_name, total, snapshot=None):
    """(label, ok, detail) of what must hold once a set is done."""
    cr = env.cr
    complaints = seeded(set_name, COMPLAINT)
    partners = seeded(set_name, "res.partner")
    attachments = seeded(set_name, "ir.attachment")
    messages = (
        f"(SELECT id FROM mail_message WHERE model = '{COMPLAINT}' "
        f"AND res_id IN {complaints})"
    )
    prefix = note_prefix(env)
    checks = []

    (left,) = one(
        cr,
        f"SELECT count(*) FROM klachtenbeheer_complaint "
        f"WHERE id IN {complaints} AND anonymised IS NOT TRUE",
    )
    checks.append(("every complaint anonymised", not left, f"{left} not anonymised"))

    once, other, wrong = one(
        cr,
        f"""
        SELECT count(*) FILTER (WHERE notes = 1 AND total = 4),
               count(*) FILTER (WHERE notes <> 1),
               count(*) FILTER (WHERE total <> 4)
          FROM (SELECT c.id,
                       count(m.id) FILTER (WHERE m.body LIKE %s) AS notes,
                       count(m.id) AS total
                  FROM klachtenbeheer_complaint c
                  LEFT JOIN mail_message m
                    ON m.model = '{COMPLAINT}' AND m.res_id = c.id
                 WHERE c.id IN {complaints}
                 GROUP BY c.id) AS per
        """,
        [f"%{prefix}%"],
    )
    checks.append(
        (
            f'one note "{prefix.strip()}" each, 4 messages each',
            once == total,
            f"{once} of {total} right, {other} with another number of notes, "
            f"{wrong} with another number of messages",
        )
    )

    if snapshot is not None:
        cr.execute(
            f"SELECT id, date_anonymised FROM klachtenbeheer_complaint "
            f"WHERE id IN {complaints} AND anonymised"
        )
        now_dates = dict(cr.fetchall())
        changed = sum(1 for cid, date in snapshot.items() if now_dates.get(cid) != date)
        checks.append(
            (
                "date_anonymised of those done before the kill unchanged",
                bool(snapshot) and not changed,
                f"{changed} of {len(snapshot)} changed",
            )
        )

    (filled,) = one(
        cr,
        f"SELECT count(*) FROM klachtenbeheer_complaint WHERE id IN {complaints} "
        f"AND NOT ({' AND '.join(f'{c} IS NULL' for c in PERSONAL_COLUMNS)})",
    )
    checks.append(
        ("personal columns empty", not filled, f"{filled} complaints with some")
    )

    cr.execute(
        """
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'klachtenbeheer_complaint'
           AND data_type IN ('text', 'character varying')
         ORDER BY ordinal_position
        """
    )
    columns = [row[0] for row in cr.fetchall()]
    counts = one(
        cr,
        "SELECT "
        + ", ".join(f"count(*) FILTER (WHERE {c} ~* %(m)s)" for c in columns)
        + f" FROM klachtenbeheer_complaint WHERE id IN {complaints}",
        {"m": MARKERS},
    )
    found = {c: n for c, n in zip(columns, counts, strict=True) if n}
    checks.append(
        (
            "no seeded name, phone or street in any text column of the complaints",
            not found,
            ", ".join(f"{c}: {n}" for c, n in found.items()) or "none",
        )
    )

    bodies, marked, authors = one(
        cr,
        f"""
        SELECT count(*) FILTER (WHERE body IS NOT NULL AND body NOT LIKE %(p)s),
               count(*) FILTER (WHERE m::text ~* %(m)s),
               count(*) FILTER (WHERE author_id IN {partners})
          FROM mail_message m WHERE id IN {messages}
        """,
        {"p": f"%{prefix}%", "m": MARKERS},
    )
    checks.append(
        (
            "chatter: bodies empty but the notes, nothing personal, no complainant "
            "as author",
            not (bodies or marked or authors),
            f"{bodies} bodies, {marked} messages with personal text, "
            f"{authors} by the complainant",
        )
    )

    stage, personal = one(
        cr,
        f"""
        SELECT count(*) FILTER (WHERE f.name = 'stage_id'),
               count(*) FILTER (WHERE f.name IS DISTINCT FROM 'stage_id'
                                   OR t::text ~* %s)
          FROM mail_tracking_value t
          LEFT JOIN ir_model_fields f ON f.id = t.field_id
         WHERE t.mail_message_id IN {messages}
        """,
        [MARKERS],
    )
    checks.append(
        (
            "tracking: the stage kept, the complainant removed",
            stage == total and not personal,
            f"{stage} stage values of {total}, {personal} personal",
        )
    )

    (files,) = one(
        cr,
        f"""
        SELECT count(*) FROM ir_attachment
         WHERE id IN {attachments}
            OR (res_model = '{COMPLAINT}' AND res_id IN {complaints})
            OR id IN (SELECT attachment_id FROM message_attachment_rel
                       WHERE message_id IN {messages})
        """,
    )
    checks.append(("attachments deleted", not files, f"{files} left"))

    kept, outside = one(
        cr,
        f"""
        SELECT count(*) FILTER (WHERE partner_id NOT IN {partners}),
               count(*) FILTER (WHERE partner_id IN {partners})
          FROM mail_followers
         WHERE res_model = '{COMPLAINT}' AND res_id IN {complaints}
        """,
    )
    checks.append(
        (
            "followers: the employee kept, the complainant removed",
            kept == total and not outside,
            f"{kept} employees of {total}, {outside} complainants",
        )
    )

    (contacts,) = one(
        cr,
        f"SELECT count(*) FROM res_partner p WHERE id IN {partners} "
        "AND (active OR p::text ~* %s)",
        [MARKERS],
    )
    checks.append(
        (
            "contacts anonymised (no other document needs them)",
            not contacts,
            f"{contacts} still active or with personal data",
        )
    )
    return checks


def check_at_kill(env, set_name, batch_size, committed):
    """(label, ok, detail) of the state a killed run leaves."""
    cr = env.cr
    complaints = seeded(set_name, COMPLAINT)
    prefix = note_prefix(env)
    done, untouched, partial = one(
        cr,
        f"""
        SELECT count(*) FILTER (WHERE c.anonymised),
               count(*) FILTER (WHERE c.anonymised IS NOT TRUE
                                  AND c.description IS NOT NULL
                                  AND m.bodies = 2 AND m.notes = 0),
               count(*) FILTER (WHERE c.anonymised IS NOT TRUE
                                  AND NOT (c.description IS NOT NULL
                                           AND m.bodies = 2 AND m.notes = 0))
          FROM klachtenbeheer_complaint c
          JOIN LATERAL (
                SELECT count(*) FILTER (WHERE body <> '') AS bodies,
                       count(*) FILTER (WHERE body LIKE %s) AS notes
                  FROM mail_message
                 WHERE model = '{COMPLAINT}' AND res_id = c.id) m ON true
         WHERE c.id IN {complaints}
        """,
        [f"%{prefix}%"],
    )
    checks = [
        (
            "at the kill: the committed batches done, the rest untouched",
            done == committed * batch_size and not partial,
            f"{committed} batches committed, {done} anonymised, {untouched} "
            f"untouched, {partial} half done",
        )
    ]
    (linked,) = one(
        cr,
        f"""
        SELECT count(*) FROM klachtenbeheer_complaint a
         WHERE a.id IN {complaints} AND a.anonymised
           AND EXISTS (SELECT 1 FROM klachtenbeheer_complaint o
                        WHERE o.complainant_key = a.complainant_key
                          AND o.anonymised IS NOT TRUE AND o.partner_id IS NOT NULL)
        """,
    )
    checks.append(
        (
            "at the kill: no anonymised complaint shares its complainant_key with "
            "a complaint that still names its complainant",
            not linked,
            f"{linked} anonymised complaints linkable",
        )
    )
    return checks


def print_checks(checks):
    for label, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}: {label} ({detail})")


# ----------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------


def worker(registry, batch_size):
    """The child of the resume test: the loop, a line per committed batch."""
    with registry.cursor() as cr:
        cr.execute("SELECT pg_backend_pid()")
        print(f"backend {cr.fetchone()[0]}", flush=True)

        def report(batch):
            print(f"committed {batch[0]:.3f}", flush=True)

        drain(cr, batch_size, report)
        cr.commit()
    print("done", flush=True)


def resume_test(args, registry, env):
    total = args.resume_complaints
    cr = env.cr
    start = time.perf_counter()
    seed(env, "resume", total, 2022)
    cr.commit()
    print(
        f"\n## resume test: {total:,} complaints, seeded in "
        f"{time.perf_counter() - start:.1f}s"
    )
    batches = -(-total // args.batch_size)
    kill_after = max(1, batches // 2)
    cmd = [
        sys.executable,
        os.path.abspath(__file__),
        f"--odoo={args.odoo}",
        f"--db={args.db}",
        f"--addons-path={args.addons_path}",
        f"--batch-size={args.batch_size}",
        "--worker",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    backend, committed, times = None, 0, []
    for line in proc.stdout:
        if line.startswith("backend "):
            backend = int(line.split()[1])
        elif line.startswith("committed "):
            committed += 1
            times.append(float(line.split()[1]))
            if committed >= kill_after:
                # In the middle of the next batch.
                time.sleep(statistics.median(times) / 2)
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait()
    # A killed client's backend may still run its query: end it, as the
    # server does when it notices, before anything else looks.
    if backend:
        cr.execute("SELECT pg_terminate_backend(%s)", [backend])
        while one(
            cr, "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [backend]
        )[0]:
            cr.rollback()
            time.sleep(0.1)
        cr.rollback()
    print(f"child killed after {committed} committed batches of {batches}")
    checks = check_at_kill(env, "resume", args.batch_size, committed)
    cr.execute(
        f"SELECT id, date_anonymised FROM klachtenbeheer_complaint "
        f"WHERE id IN {seeded('resume', COMPLAINT)} AND anonymised"
    )
    snapshot = dict(cr.fetchall())
    cr.commit()
    rest = drain(cr, args.batch_size)
    print(f"resumed: {len(rest)} batches, {sum(b[2] for b in rest):,} complaints")
    env.invalidate_all()
    checks += check_complete(env, "resume", total, snapshot)
    print_checks(checks)
    return checks


def report(total, batch_size, seconds_seeded, batches, wall):
    times = [b[0] for b in batches]
    seconds = sum(times)
    queries = sum(b[1] for b in batches)
    done = sum(b[2] for b in batches)
    print(
        f"\n## {total:,} complaints, batch {batch_size}, seeded in "
        f"{seconds_seeded:.0f}s"
    )
    print(
        "| complaints | batches | seconds | complaints/s | queries/complaint | "
        "queries/batch | batch s: median | first | last | max |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {done:,} | {len(batches)} | {seconds:.1f} | {done / seconds:.0f} | "
        f"{queries / done:.2f} | {statistics.median(b[1] for b in batches):.0f} | "
        f"{statistics.median(times):.2f} | {times[0]:.2f} | {times[-1]:.2f} | "
        f"{max(times):.2f} |"
    )
    print(
        f"(seconds: the calls with their commits; the loop around them, with "
        f"its progress records and counts, took {wall:.1f}s)"
    )
    call = PHASES.pop("call", 0.0)
    anonymise = PHASES.pop("_anonymise", 0.0)
    gc = PHASES.get("_gc_retention", 0.0)
    inner = sum(v for k, v in PHASES.items() if k != "_gc_retention")
    print("\nwhere the time goes (sum over the batches):")
    print("| step | seconds | share |")
    print("| --- | ---: | ---: |")
    rows = [
        ("selection, count of the remaining, progress", call - anonymise - gc),
        ("complaint UPDATE, hearings, named contacts", anonymise - inner),
        *PHASES.items(),
        ("flush and commit", seconds - call),
    ]
    for label, value in rows:
        print(f"| {label} | {value:.1f} | {value / seconds * 100:.0f} % |")
    PHASES.clear()


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
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--resume-complaints", type=int, default=5000)
    parser.add_argument(
        "--keep", action="store_true", help="leave the seeded rows in place"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
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
    if args.worker:
        worker(registry, args.batch_size)
        return

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        unseed(cr)
        cr.commit()
        if expired(cr):
            sys.exit(
                f"{args.db} holds {expired(cr)} expired complaints of its own: the "
                "cron would anonymise them. Use a database of its own."
            )
        print(
            f"machine: {os.cpu_count()} CPUs, {platform.platform()}, Python "
            f"{platform.python_version()}, Odoo {odoo.release.version}, "
            f"{one(cr, 'SHOW server_version')[0]}"
        )
        try:
            start = time.perf_counter()
            seed(env, "main", args.complaints, 2023)
            cr.commit()
            seconds_seeded = time.perf_counter() - start
            cr._cnx.autocommit = True
            cr.execute("VACUUM ANALYZE klachtenbeheer_complaint")
            cr._cnx.autocommit = False
            plans = explain_selection(env, args.batch_size)
            time_phases(registry)
            start = time.perf_counter()
            batches = drain(cr, args.batch_size)
            seconds = time.perf_counter() - start
            report(args.complaints, args.batch_size, seconds_seeded, batches, seconds)
            print("\non the full register, before the run (EXPLAIN ANALYZE):")
            for label, plan in plans.items():
                print(f"- {label}: {plan[-1].split(': ')[-1]}")
            print("\nselection plan:\n" + "\n".join(plans[next(iter(plans))]))
            print()
            env.invalidate_all()
            print_checks(check_complete(env, "main", args.complaints))
            sys.stdout.flush()
            if args.resume_complaints:
                resume_test(args, registry, env)
        finally:
            cr.rollback()
            if not args.keep:
                unseed(cr)
                cr.execute(
                    "DELETE FROM ir_cron_progress WHERE cron_id = %s",
                    [env.ref("klachtenbeheer.ir_cron_anonymise_expired").id],
                )
                cr.commit()


if __name__ == "__main__":
    main()
