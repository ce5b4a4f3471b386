"""Concurrency check: a burst of complaint mails while HTTP workers get killed.

Starts a real Odoo server (prefork: ``--workers`` HTTP workers, ``--cron-threads``
cron workers) on a database with klachtenbeheer, and delivers N mails to a team's
alias from ``--clients`` threads, each exactly as ``odoo-mailgate.py`` does
(XML-RPC ``mail.thread.message_process``). Meanwhile a killer thread SIGKILLs a
random HTTP worker every ``--kill-every`` seconds (the master respawns it). Like
an MTA, a client retries a delivery that failed (connection reset, HTTP 5xx, a
transient error) after a short backoff: a mail whose worker died after its
commit is then delivered twice, and Odoo's Message-Id check must drop the
second copy.

About 10 % of the mails are replies to an earlier mail of the run (sent once
the server acknowledged the parent), 10 % carry a small attachment, a few come
from a sender of an earlier mail. After the last delivery the script waits for
the intake cron (``klachtenbeheer.ir_cron_send_acknowledgements``, run by the
cron workers) to complete every registration, then checks, per Message-Id, by
SQL: every new mail is exactly one message on a complaint (none lost, none
duplicated), every reply lands on its parent's complaint, every complaint has
exactly one acknowledgement of receipt, nothing is pending and no mail was
shelved as a ``klachtenbeheer.mail.failure``. Exit code 0 only when all of
these are 0.

Outgoing mail goes nowhere: the server's SMTP port is a closed port on
127.0.0.1, the mails stay as records (in exception).

Usage (from the repository; by default a throwaway database ``kbburst_<time>``
is created with klachtenbeheer, without demo data, and dropped at the end):

    .venv/bin/python bench/mail_burst.py --odoo /opt/odoo-18.0 \\
        --addons-path /opt/odoo-18.0/addons,. --mails 200 --kill-every 2

    [--mails 2000] [--clients 8] [--workers 4] [--cron-threads 2]
    [--kill-every 3.0] [--timeout 900] [--json result.json]
    [--db NAME --keep-db] [--db NAME --reuse-db --password PW]
"""

import argparse
import base64
import email.utils
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import xml.parsers.expat
import xmlrpc.client
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field

ALIAS_DOMAIN = "burst.example"
ALIAS = "klachten-burst"
TEAM_NAME = "Burst klachten"
COMPLAINT = "klachtenbeheer.complaint"
CRON_XMLID = ("klachtenbeheer", "ir_cron_send_acknowledgements")
# The subject of the acknowledgement template, in English and in Dutch.
ACK_SUBJECTS = ("We received your complaint %", "Wij hebben uw klacht %")
ATTACHMENT = base64.encodebytes(bytes(range(256)) * 8).decode()  # 2 KB
PENDING_DOMAIN = [
    "|",
    ("registration_pending", "=", True),
    ("acknowledgement_pending", "=", True),
]
# Delivery: tries of a mail (transient errors), tries on a permanent error,
# seconds a request may take (the server's --limit-time-real is 120 s).
MAX_TRIES = 10
PERMANENT_TRIES = 3
REQUEST_TIMEOUT = 150
# A Fault with one of these is a conflict between transactions: worth a retry.
TRANSIENT_MARKERS = (
    "could not serialize",
    "serializationfailure",
    "deadlock detected",
    "concurrent update",
    "lock not available",
    "could not obtain lock",
    "querycanceled",
    "canceling statement",
)
EXAMPLES = 5


# ----------------------------------------------------------------------
# Processes
# ----------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kill_group(proc, grace=20.0):
    """Stop ``proc`` and everything in its process group: SIGTERM, then after
    ``grace`` seconds (or at once when it is gone) SIGKILL to the group."""
    if proc is None:
        return
    try:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        pass


def run_bounded(cmd, deadline, log):
    """Run ``cmd`` in a process group of its own, killed at ``deadline``."""
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            code = proc.wait(max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise TimeoutError(f"timeout: {' '.join(cmd[:4])} ...") from None
        finally:
            kill_group(proc, grace=5)
    if code:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... exited with {code}, see {log}")


def proc_stat(pid):
    """(ppid, nice) of ``pid`` from /proc/<pid>/stat, or None."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except OSError:
        return None
    fields_ = text[text.rindex(")") + 2 :].split()
    return int(fields_[1]), int(fields_[16])


def listening_inodes(port):
    """Inodes of the sockets listening on ``port`` (/proc/net/tcp)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as lines:
                next(lines)
                for line in lines:
                    parts = line.split()
                    if parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                        inodes.add(parts[9])
        except OSError:
            continue
    return inodes


def holds_socket(pid, inodes):
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:[") and link[8:-1] in inodes:
                return True
    except OSError:
        pass
    return False


def odoo_children(master, port):
    """The master's children by kind: ``http``, ``cron`` and ``gevent``.

    Without setproctitle (not in Odoo's requirements) the workers all look
    alike in ps. The gevent process is exec'ed with the argument ``gevent``;
    a cron worker renices itself (+10) and closes the listening socket right
    after the fork; an HTTP worker keeps both.
    """
    master_stat = proc_stat(master)
    kinds = defaultdict(list)
    if not master_stat:
        return kinds
    inodes = listening_inodes(port)
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        stat = proc_stat(name)
        if not stat or stat[0] != master:
            continue
        pid = int(name)
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                argv = cmdline.read().split(b"\0")
        except OSError:
            continue
        if b"gevent" in argv:
            kinds["gevent"].append(pid)
        elif stat[1] == master_stat[1] and holds_socket(pid, inodes):
            kinds["http"].append(pid)
        else:
            kinds["cron"].append(pid)
    return kinds


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# ----------------------------------------------------------------------
# Database
# ----------------------------------------------------------------------


def setup(env, password):
    """The alias domain, one team with the alias ``klachten-burst``, the
    admin's password, and Odoo's per-sender throttle out of the way."""
    domain = env["mail.alias.domain"].search([("name", "=", ALIAS_DOMAIN)])
    if not domain:
        domain = env["mail.alias.domain"].create({"name": ALIAS_DOMAIN})
    env.company.alias_domain_id = domain
    team = env["klachtenbeheer.team"].search([("alias_name", "=", ALIAS)])
    if not team:
        env["klachtenbeheer.team"].create(
            {
                "name": TEAM_NAME,
                "alias_name": ALIAS,
                "alias_domain_id": domain.id,
                "user_id": env.ref("base.user_admin").id,
            }
        )
    if password:
        env.ref("base.user_admin").password = password
    # The run's senders are distinct, but a few write more than once.
    env["ir.config_parameter"].set_param("mail.gateway.loop.threshold", 100000)
    env.cr.commit()


def setup_main(args):
    """``--setup-only``: run ``setup`` on ``--db`` (in a process of its own,
    so that the benchmark holds no registry nor connection)."""
    sys.path.insert(0, args.odoo)
    import odoo
    from odoo import SUPERUSER_ID, api

    config_args = ["-d", args.db, "--log-level=warn"]
    if args.addons_path:
        config_args.append(f"--addons-path={args.addons_path}")
    if args.data_dir:
        config_args.append(f"--data-dir={args.data_dir}")
    odoo.tools.config.parse_config(config_args)
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        setup(api.Environment(cr, SUPERUSER_ID, {}), args.setup_password)


def connect(db):
    import psycopg2

    conn = psycopg2.connect(dbname=db)
    conn.autocommit = True
    return conn


def drop_db(db, data_dir):
    conn = connect("postgres")
    try:
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    finally:
        conn.close()
    base = data_dir or os.path.expanduser("~/.local/share/Odoo")
    shutil.rmtree(os.path.join(base, "filestore", db), ignore_errors=True)


# ----------------------------------------------------------------------
# Mails
# ----------------------------------------------------------------------


@dataclass
class Mail:
    index: int
    message_id: str
    raw: bytes
    parent: str = None
    tries: int = 0
    delivered: bool = False
    result: object = None
    errors: Counter = field(default_factory=Counter)
    last_error: str = ""


def build_mail(run, index, to, sender_index, parent=None, attachment=False):
    sender = f"afzender{sender_index}@{run}.sender.example"
    message_id = f"<burst-{run}-{index}@{ALIAS_DOMAIN}>"
    headers = [
        f"From: Afzender {sender_index} <{sender}>",
        f"To: {to}",
        f"Subject: {'Re: ' if parent else ''}Klacht {index} over de verwarming",
        f"Message-Id: {message_id}",
        f"Date: {email.utils.formatdate(localtime=True)}",
        "MIME-Version: 1.0",
    ]
    if parent:
        headers += [f"In-Reply-To: {parent}", f"References: {parent}"]
    body = (
        "Geachte heer/mevrouw,\n\nDe verwarming in onze woning doet het al een "
        f"week niet. Dit is bericht {index}.\n\nMet vriendelijke groet\n"
    )
    if attachment:
        boundary = "==burst=="
        lines = headers + [
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
    else:
        lines = headers + ["Content-Type: text/plain; charset=utf-8", "", body]
    return Mail(index, message_id, "\r\n".join(lines).encode(), parent)


def build_mails(run, count):
    """``count`` mails: 10 % replies to a recent new mail of the run, 10 %
    with an attachment, every 50th from the sender of an earlier mail."""
    rng = random.Random(count)
    to = f"{ALIAS}@{ALIAS_DOMAIN}"
    mails, new_ids = [], []
    for index in range(count):
        parent = None
        if index % 10 == 9 and new_ids:
            parent = rng.choice(new_ids[-50:])
        sender = index - 20 if index % 50 == 27 else index
        mail = build_mail(run, index, to, sender, parent, attachment=index % 10 == 4)
        if not parent:
            new_ids.append(mail.message_id)
        mails.append(mail)
    return mails


# ----------------------------------------------------------------------
# Delivery
# ----------------------------------------------------------------------


class TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout):
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        conn = super().make_connection(host)
        conn.timeout = self.timeout
        return conn

    def request(self, host, handler, request_body, verbose=False):
        # xmlrpc.client silently sends a request once more when the
        # connection was reset (odoo-mailgate.py gets that too): one try
        # here, so that every retry is the caller's and is counted.
        return self.single_request(host, handler, request_body, verbose)


def proxy(port, service, timeout=REQUEST_TIMEOUT):
    return xmlrpc.client.ServerProxy(
        f"http://127.0.0.1:{port}/xmlrpc/2/{service}",
        allow_none=True,
        transport=TimeoutTransport(timeout),
    )


def classify(error):
    """(kind, transient) of a failed delivery."""
    if isinstance(error, xmlrpc.client.Fault):
        text = str(error.faultString).lower()
        if any(marker in text for marker in TRANSIENT_MARKERS):
            return "fault_transient", True
        return "fault_permanent", False
    if isinstance(error, xmlrpc.client.ProtocolError):
        return f"http_{error.errcode}", error.errcode >= 500
    if isinstance(error, TimeoutError | socket.timeout):
        return "timeout", True
    if isinstance(error, ConnectionRefusedError):
        return "refused", True
    if isinstance(error, OSError | http.client.HTTPException):
        return "reset", True
    if isinstance(error, xml.parsers.expat.ExpatError):
        return "truncated", True
    return type(error).__name__, False


class Feed:
    """The mails in order; a reply is handed out only once its parent is
    done (delivered or given up), as its sender would have to see it first."""

    def __init__(self, mails, rate=None):
        self.pending = deque(mails)
        self.waiting = defaultdict(list)
        self.done = set()
        self.left = len(mails)
        self.cond = threading.Condition()
        self.stop = threading.Event()
        # At most ``rate`` mails per second: the n-th not before n / rate.
        self.rate, self.handed, self.start = rate, 0, time.monotonic()

    def take(self):
        if self.rate:
            with self.cond:
                due = self.start + self.handed / self.rate
                self.handed += 1
            self.stop.wait(max(0.0, due - time.monotonic()))
        with self.cond:
            while not self.stop.is_set():
                while self.pending:
                    mail = self.pending.popleft()
                    if mail.parent and mail.parent not in self.done:
                        self.waiting[mail.parent].append(mail)
                        continue
                    return mail
                if not self.left:
                    return None
                self.cond.wait(0.5)
            return None

    def finish(self, mail):
        with self.cond:
            self.done.add(mail.message_id)
            self.pending.extendleft(reversed(self.waiting.pop(mail.message_id, [])))
            self.left -= 1
            self.cond.notify_all()


def deliver(mail, port, db, uid, password, deadline, stop):
    """Deliver one mail as odoo-mailgate.py does, retrying like an MTA."""
    permanent = 0
    while not stop.is_set() and time.monotonic() < deadline:
        mail.tries += 1
        timeout = max(1.0, min(REQUEST_TIMEOUT, deadline - time.monotonic()))
        try:
            mail.result = proxy(port, "object", timeout).execute_kw(
                db,
                uid,
                password,
                "mail.thread",
                "message_process",
                [False, xmlrpc.client.Binary(mail.raw)],
                {},
            )
            mail.delivered = True
            return
        except Exception as error:  # pylint: disable=broad-except
            kind, transient = classify(error)
            mail.errors[kind] += 1
            mail.last_error = f"{kind}: {str(error)[-300:]}"
            permanent += not transient
            if mail.tries >= MAX_TRIES or permanent >= PERMANENT_TRIES:
                return
        stop.wait(min(3.0, 0.2 * 2 ** (mail.tries - 1)) * random.uniform(0.5, 1.5))


def client(feed, port, db, uid, password, deadline):
    while True:
        mail = feed.take()
        if mail is None:
            return
        try:
            deliver(mail, port, db, uid, password, deadline, feed.stop)
        finally:
            feed.finish(mail)


def killer(master, port, every, stop, kills):
    """SIGKILL a random HTTP worker every ``every`` seconds until ``stop``."""
    rng = random.Random()
    while not stop.wait(every):
        workers = odoo_children(master, port)["http"]
        if not workers:
            continue
        pid = rng.choice(workers)
        try:
            os.kill(pid, signal.SIGKILL)
            kills.append(pid)
        except ProcessLookupError:
            pass


# ----------------------------------------------------------------------
# Server
# ----------------------------------------------------------------------


def start_server(args, db, port, logfile, options=()):
    """The prefork server; ``options``: more odoo-bin options."""
    cmd = [
        args.python,
        os.path.join(args.odoo, "odoo-bin"),
        "-d",
        db,
        f"--workers={args.workers}",
        f"--max-cron-threads={args.cron_threads}",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={free_port()}",
        f"--db-filter=^{db}$",
        f"--logfile={logfile}",
        "--limit-time-real=120",
        "--smtp=127.0.0.1",
        f"--smtp-port={free_port()}",  # nothing listens: nothing is sent
        "--without-demo=all",
        *options,
    ]
    if args.addons_path:
        cmd.append(f"--addons-path={args.addons_path}")
    if args.data_dir:
        cmd.append(f"--data-dir={args.data_dir}")
    with open(logfile + ".out", "ab") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    return proc, cmd


def wait_http(proc, port, deadline):
    url = f"http://127.0.0.1:{port}/web/login"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError("the server did not answer /web/login in time")


def call(port, db, uid, password, model, method, *params, tries=5):
    """An admin's XML-RPC call, retried on a transient error."""
    for attempt in range(1, tries + 1):
        try:
            return proxy(port, "object", 60).execute_kw(
                db, uid, password, model, method, list(params), {}
            )
        except Exception as error:  # pylint: disable=broad-except
            if not classify(error)[1] or attempt == tries:
                raise
            time.sleep(1)


def nudge_cron(conn, port, db, uid, password):
    """Run the intake cron now: a trigger due now, and the cron workers woken
    up as Odoo does for one (pg_notify on ``cron_trigger``); the gateway's own
    triggers lie ~30 s ahead and the workers poll once a minute."""
    with conn.cursor() as cr:
        cr.execute(
            "SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s",
            CRON_XMLID,
        )
        cron_id = cr.fetchone()[0]
    now = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
    call(
        port,
        db,
        uid,
        password,
        "ir.cron.trigger",
        "create",
        {"cron_id": cron_id, "call_at": now},
    )
    pg = connect("postgres")
    try:
        with pg.cursor() as cr:
            cr.execute("SELECT pg_notify('cron_trigger', %s)", [db])
    finally:
        pg.close()


def drain(conn, port, db, uid, password, deadline, nudge):
    """Wait until no complaint is pending; returns (seconds, pending)."""
    start = time.monotonic()
    last_nudge = None
    pending = None
    while time.monotonic() < deadline:
        pending = call(
            port, db, uid, password, COMPLAINT, "search_count", PENDING_DOMAIN
        )
        if not pending:
            break
        if nudge and (last_nudge is None or time.monotonic() - last_nudge > 20):
            nudge_cron(conn, port, db, uid, password)
            last_nudge = time.monotonic()
        time.sleep(1)
    return time.monotonic() - start, pending


# ----------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------


def fetch_rows(conn, ids):
    """mail.message rows and kept failures of the run, by Message-Id."""
    messages, failures = defaultdict(list), defaultdict(list)
    with conn.cursor() as cr:
        cr.execute(
            "SELECT message_id, model, res_id FROM mail_message "
            "WHERE message_id = ANY(%s)",
            [ids],
        )
        for message_id, model, res_id in cr.fetchall():
            messages[message_id].append((model, res_id))
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = "
            "'klachtenbeheer_mail_failure' AND column_name = 'reason'"
        )
        reason = "reason" if cr.fetchone() else "NULL"
        cr.execute(
            f"SELECT message_id, state, {reason}, error "
            "FROM klachtenbeheer_mail_failure WHERE message_id = ANY(%s)",
            [ids],
        )
        for message_id, state, why, error in cr.fetchall():
            failures[message_id].append((state, why, (error or "")[-200:]))
        cr.execute("SELECT count(*) FROM klachtenbeheer_mail_failure")
        total = cr.fetchone()[0]
    return messages, failures, reason != "NULL", total


def check_mails(mails, messages, failures, out):
    """Per mail: delivered once, on a complaint, replies on their parent's."""
    by_id = {mail.message_id: mail for mail in mails}
    for mail in mails:
        rows = messages.get(mail.message_id, [])
        if not mail.delivered:
            out["failed_deliveries"].append(f"{mail.message_id} {mail.last_error}")
            continue
        if not rows:
            key = "shelved_mails" if mail.message_id in failures else "lost"
            out[key].append(mail.message_id)
            continue
        if len(rows) > 1:
            out["duplicated"].append(f"{mail.message_id} {rows}")
        elif rows[0][0] != COMPLAINT:
            out["misrouted"].append(f"{mail.message_id} {rows}")
        elif mail.result is False and mail.tries > 1:
            # A retry after a try that had committed (its worker was killed
            # before it answered): Odoo's Message-Id check dropped the copy.
            out["dropped_as_known"].append(mail.message_id)
        parent = messages.get(mail.parent, []) if mail.parent else None
        if parent is None:
            continue
        if len(parent) != 1 or not by_id[mail.parent].delivered:
            out["orphan_replies"].append(mail.message_id)
        elif parent[0] != rows[0]:
            out["misplaced_replies"].append(
                f"{mail.message_id} on {rows[0][1]}, parent on {parent[0][1]}"
            )


def check_complaints(conn, complaint_ids, out):
    """Exactly one acknowledgement per complaint, none pending."""
    with conn.cursor() as cr:
        cr.execute(
            "SELECT m.res_id, count(*) FROM mail_message m "
            "JOIN ir_model_data d ON d.model = 'mail.message.subtype' "
            "AND d.module = 'mail' AND d.name = 'mt_comment' "
            "AND d.res_id = m.subtype_id "
            "WHERE m.model = %s AND m.res_id = ANY(%s) "
            "AND (m.subject LIKE %s OR m.subject LIKE %s) GROUP BY m.res_id",
            [COMPLAINT, complaint_ids, *ACK_SUBJECTS],
        )
        acks = dict(cr.fetchall())
        cr.execute(
            "SELECT id FROM klachtenbeheer_complaint WHERE id = ANY(%s) "
            "AND (registration_pending OR acknowledgement_pending) ORDER BY id",
            [complaint_ids],
        )
        out["pending"] = [row[0] for row in cr.fetchall()]
    for complaint_id in sorted(complaint_ids):
        count = acks.get(complaint_id, 0)
        if count == 0:
            out["without_ack"].append(complaint_id)
        elif count > 1:
            out["multi_ack"].append(f"{complaint_id}: {count}")


def check(conn, mails):
    out = defaultdict(list)
    ids = [mail.message_id for mail in mails]
    messages, failures, has_reason, total = fetch_rows(conn, ids)
    check_mails(mails, messages, failures, out)
    complaint_ids = sorted(
        {
            res_id
            for rows in messages.values()
            for model, res_id in rows
            if model == COMPLAINT
        }
    )
    check_complaints(conn, complaint_ids, out)
    for message_id, kept in sorted(failures.items()):
        for state, reason, error in kept:
            if not has_reason or reason == "error":
                out["shelved"].append(f"{message_id} [{state}] {error}")
    out["complaints"] = complaint_ids
    out["failure_records"] = total
    return out


# ----------------------------------------------------------------------
# Run
# ----------------------------------------------------------------------

CHECKS = (
    "failed_deliveries",
    "lost",
    "duplicated",
    "misrouted",
    "misplaced_replies",
    "without_ack",
    "multi_ack",
    "pending",
    "shelved",
)
LOG_MARKERS = {
    "errors": " ERROR ",
    "serialization_failures": "could not serialize",
    "rpc_retries": "tries left, try again",
    "kept_as_failure": "kept as mail failure",
    "intake_failed": "registration or acknowledgement failed",
    "worker_timeouts": ") timeout after",
}


def log_stats(logfile, markers=None):
    markers = markers or LOG_MARKERS
    counts = dict.fromkeys(markers, 0)
    try:
        with open(logfile, errors="replace") as log:
            for line in log:
                for key, marker in markers.items():
                    counts[key] += marker in line
    except OSError:
        pass
    return counts


def run_mails(count):
    """The mails of a run, with Message-Ids of their own."""
    run = time.strftime("%H%M%S") + f"{random.randrange(1000):03d}"
    return build_mails(run, count)


def burst(args, proc, port, db, uid, deadline, mails=None, rate=None):
    """Deliver the mails (``mails``, or ``args.mails`` new ones; at most
    ``rate`` per second) with the killer running; returns the mails, the
    kills and the delivery time."""
    if mails is None:
        mails = run_mails(args.mails)
    feed = Feed(mails, rate)
    kills, stop_killer = [], threading.Event()
    threads = [
        threading.Thread(
            target=client,
            args=(feed, port, db, uid, args.password, deadline),
            daemon=True,
        )
        for _ in range(args.clients)
    ]
    if args.kill_every > 0:
        threads.append(
            threading.Thread(
                target=killer,
                args=(proc.pid, port, args.kill_every, stop_killer, kills),
                daemon=True,
            )
        )
    start = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads[: args.clients]):
            if time.monotonic() > deadline:
                feed.stop.set()
            time.sleep(0.5)
    finally:
        feed.stop.set()
        stop_killer.set()
        for thread in threads:
            thread.join(REQUEST_TIMEOUT)
    return mails, kills, time.monotonic() - start


def summarize(args, mails, kills, elapsed, drained, out):
    retries = Counter()
    for mail in mails:
        retries.update(mail.errors)
    result = {
        "mails": len(mails),
        "replies": sum(bool(mail.parent) for mail in mails),
        "clients": args.clients,
        "workers": args.workers,
        "cron_threads": args.cron_threads,
        "kill_every": args.kill_every,
        "kills": len(kills),
        "delivery_retries": sum(mail.tries - 1 for mail in mails),
        "retry_causes": dict(retries),
        "dropped_as_known": len(out["dropped_as_known"]),
        "elapsed_s": round(elapsed, 1),
        "mails_per_s": round(len(mails) / elapsed, 1) if elapsed else 0,
        "drain_s": round(drained[0], 1),
        "drained": not drained[1],
        "complaints": len(out["complaints"]),
        "orphan_replies": len(out["orphan_replies"]),
        "failure_records": out["failure_records"],
        "shelved_mails": len(out["shelved_mails"]),
    }
    for name in CHECKS:
        result[name] = len(out[name])
    result["examples"] = {
        name: [str(item) for item in out[name][:EXAMPLES]]
        for name in (*CHECKS, "shelved_mails", "orphan_replies")
        if out[name]
    }
    return result


def report(result):
    print("\n## mail burst")
    print("| figure | value |")
    print("| --- | ---: |")
    for key, value in result.items():
        if key not in ("examples", "retry_causes", "rss_kb", "log"):
            print(f"| {key} | {value} |")
    print(f"\nretry causes: {result['retry_causes']}")
    print(f"RSS (kB): {result.get('rss_kb')}")
    print(f"server log: {result.get('log')}")
    failed = [name for name in CHECKS if result[name]]
    if not result["drained"]:
        failed.append("drained")
    for name in failed:
        print(f"\nFAILED {name}: {result.get(name)}")
        for example in result["examples"].get(name, []):
            print(f"  {example}")
    if result["log_counts"]["server_tracebacks"]:
        print(
            f"\nWARNING: {result['log_counts']['server_tracebacks']} tracebacks in "
            f"{result['log']}.out (e.g. a gevent process that cannot start and is "
            "respawned over and over): the figures are skewed"
        )
    print("\nOK: all checks 0" if not failed else f"\nFAILED: {', '.join(failed)}")
    return not failed


def rss(master, port):
    kinds = odoo_children(master, port)
    stats = {}
    for kind in ("http", "cron"):
        values = [rss_kb(pid) for pid in kinds[kind]]
        stats[kind] = {
            "count": len(values),
            "sum": sum(values),
            "max": max(values, default=0),
        }
    return stats


def db_exists(db):
    conn = connect("postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
            return bool(cr.fetchone())
    finally:
        conn.close()


def prepare_db(args, db, deadline, log):
    """Install klachtenbeheer in a new ``db`` (unless reused), then setup."""
    odoo_bin = os.path.join(args.odoo, "odoo-bin")
    common = [f"--addons-path={args.addons_path}"] if args.addons_path else []
    if args.data_dir:
        common.append(f"--data-dir={args.data_dir}")
    if not args.reuse_db:
        run_bounded(
            [args.python, odoo_bin, "-d", db, "-i", "klachtenbeheer"]
            + ["--without-demo=all", "--stop-after-init", "--log-level=warn"]
            + [f"--logfile={log}"]
            + common,
            deadline,
            log + ".out",
        )
    setup_cmd = [args.python, os.path.abspath(__file__), "--setup-only"]
    setup_cmd += ["--odoo", args.odoo, "--db", db]
    setup_cmd += ["--setup-password", "" if args.reuse_db else args.password]
    if args.addons_path:
        setup_cmd += ["--addons-path", args.addons_path]
    if args.data_dir:
        setup_cmd += ["--data-dir", args.data_dir]
    run_bounded(setup_cmd, deadline, log + ".out")


def run(args, db, workdir, deadline):
    """Set up, start the server, burst, drain, check; returns the result."""
    log = os.path.join(workdir, "odoo.log")
    timings = {}
    start = time.monotonic()
    prepare_db(args, db, deadline, log)
    timings["prepare_s"] = round(time.monotonic() - start, 1)
    port = args.port or free_port()
    proc, cmd = start_server(args, db, port, log)
    conn = None
    try:
        print("server:", " ".join(cmd), flush=True)
        wait_http(proc, port, deadline)
        uid = proxy(port, "common", 60).authenticate(db, "admin", args.password, {})
        if not uid:
            raise RuntimeError("admin cannot log in: wrong --password?")
        conn = connect(db)
        print(f"delivering {args.mails} mails ...", flush=True)
        mails, kills, elapsed = burst(args, proc, port, db, uid, deadline)
        print(f"delivered in {elapsed:.1f}s, waiting for the intake cron", flush=True)
        drained = drain(conn, port, db, uid, args.password, deadline, args.nudge)
        memory = rss(proc.pid, port)
        out = check(conn, mails)
    finally:
        if conn is not None:
            conn.close()
        kill_group(proc)
    result = summarize(args, mails, kills, elapsed, drained, out)
    result.update(timings, rss_kb=memory, log=log, db=db)
    result["log_counts"] = log_stats(log)
    # The server's own output: e.g. a gevent process that cannot start (and
    # is respawned by the master over and over) only shows there.
    result["log_counts"]["server_tracebacks"] = log_stats(
        log + ".out", {"tracebacks": "Traceback (most recent call last)"}
    )["tracebacks"]
    result["load_avg"] = [round(value, 1) for value in os.getloadavg()]
    return result


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--odoo", required=True, help="Odoo 18 source tree")
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--db", default=None, help="default: kbburst_<timestamp>")
    parser.add_argument("--reuse-db", action="store_true", help="use --db as it is")
    parser.add_argument("--keep-db", action="store_true", help="do not drop it")
    parser.add_argument("--password", default="admin", help="the admin's password")
    parser.add_argument("--data-dir", default=None, help="Odoo's --data-dir")
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--cron-threads", type=int, default=2)
    parser.add_argument(
        "--kill-every",
        type=float,
        default=3.0,
        help="seconds between SIGKILLs of an HTTP worker (0: none)",
    )
    parser.add_argument("--port", type=int, default=None, help="default: a free one")
    parser.add_argument("--timeout", type=float, default=900, help="overall seconds")
    parser.add_argument("--json", default=None, help="write the result here")
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter for odoo-bin"
    )
    parser.add_argument(
        "--no-nudge",
        dest="nudge",
        action="store_false",
        help="wait for the gateway's own cron triggers (~30 s ahead, cron "
        "workers poll once a minute) instead of triggering the intake cron "
        "after the last delivery",
    )
    parser.add_argument("--setup-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--setup-password", default="", help=argparse.SUPPRESS)
    return parser.parse_args()


def main():
    args = parse_args()
    if args.setup_only:
        setup_main(args)
        return 0
    # SIGTERM as Ctrl-C: the finally clauses stop the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    deadline = time.monotonic() + args.timeout
    db = args.db or time.strftime("kbburst_%Y%m%d_%H%M%S")
    if args.reuse_db != db_exists(db):
        sys.exit(
            f"database {db} "
            + ("does not exist" if args.reuse_db else "exists: --reuse-db?")
        )
    workdir = tempfile.mkdtemp(prefix=f"{db}-")
    try:
        result = run(args, db, workdir, deadline)
        ok = report(result)
        if args.json:
            with open(args.json, "w") as out:
                json.dump(result, out, indent=2)
    finally:
        if not args.reuse_db and not args.keep_db:
            print(f"dropping {db}", flush=True)
            drop_db(db, args.data_dir)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
