"""Several workers: a burst of mails, the intake queue over time, memory.

The burst of ``bench/mail_burst.py`` (its mails, clients, server and checks,
imported from there) without killing workers, once per ``--workers`` value,
each on a fresh database. While the mails arrive a sampler looks every
``--sample-every`` seconds, by SQL, at the intake queue: the complaints the
intake cron (``klachtenbeheer.ir_cron_send_acknowledgements``) has still to
complete, i.e. ``registration_pending`` or ``acknowledgement_pending``, what
``_cron_send_acknowledgements`` selects. It also keeps the RSS of every HTTP
worker (at every 1,000 mails delivered), the machine's load average, and any
HTTP worker that was replaced (a new pid: Odoo recycles a worker past
``--limit-memory-soft`` or ``--limit-request``; nothing here kills one).

During the delivery the intake cron runs as it does in production: the
gateway triggers it ~30 s ahead and the cron workers poll about once a minute.
After the last delivery the script triggers it (as ``mail_burst.py`` does,
``--no-nudge`` to wait instead) and measures how long the queue takes to
empty; then ``mail_burst.py``'s checks (none lost, none duplicated, one
acknowledgement each). Exit code 0 only when every run passes them.

Reported per run: mails/s accepted by the gateway, complaints/s arriving and
completed by the cron (during the delivery, and while the cron was busy),
the queue at 25/50/75/100 % of the delivery and its peak per quarter, the
drain time and rate after the last mail, RSS per HTTP worker.

Usage (from the repository; a throwaway database per run, dropped after it):

    .venv/bin/python bench/mail_scaling.py --odoo /opt/odoo-18.0 \\
        --addons-path /opt/odoo-18.0/addons,. --workers 1 2 4 --mails 2000

    [--clients 8] [--cron-threads 2] [--rate MAILS_PER_S]
    [--sample-every 2] [--memory-every 1000]
    [--limit-memory-soft MIB] [--odoo-option=--limit-time-real-cron=600]
    [--timeout 3600] [--drain-timeout S]
    [--json result.json]
    [--db NAME]: an existing database, used as it is by every run (not
    dropped; the smoke run in scripts/test.sh)
"""

import argparse
import copy
import json
import os
import signal
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mail_burst  # noqa: E402

CRON_NAME = "complete registrations and send acknowledgements"
# The gateway's log line for a mail it completed itself, the intake queue
# being full (klachtenbeheer.complaint._klachtenbeheer_queue_intake).
ON_DELIVERY = "registration completed on delivery"
RECYCLE_MARKERS = {
    "memory_limit": "virtual memory limit",
    "request_limit": "max request",
}


# ----------------------------------------------------------------------
# Sampling
# ----------------------------------------------------------------------


class Sampler(threading.Thread):
    """Every ``every`` seconds: mails delivered, the intake queue, the
    complaints, the load average and the RSS of each HTTP worker."""

    def __init__(self, db, master, port, mails, every, memory_every):
        super().__init__(daemon=True)
        self.db, self.master, self.port = db, master, port
        self.mails, self.every, self.memory_every = mails, every, memory_every
        self.samples, self.memory, self.recycled = [], [], []
        self.start_time = self.wall_start = self.wall_end = None
        self.stopped = threading.Event()
        self.error = None

    def sample(self, cr, seen):
        cr.execute(
            "SELECT count(*) FILTER (WHERE registration_pending "
            "OR acknowledgement_pending), count(*) FROM klachtenbeheer_complaint"
        )
        queue, complaints = cr.fetchone()
        http = {
            pid: mail_burst.rss_kb(pid)
            for pid in mail_burst.odoo_children(self.master, self.port)["http"]
        }
        now = time.monotonic() - self.start_time
        if seen:
            self.recycled += [(pid, round(now, 1)) for pid in http if pid not in seen]
        seen.update(http)
        return {
            "t": round(now, 1),
            "delivered": sum(mail.delivered for mail in self.mails),
            "queue": queue,
            "complaints": complaints,
            "load1": round(os.getloadavg()[0], 2),
            "http_rss_kb": http,
        }

    def run(self):
        conn = mail_burst.connect(self.db)
        seen, mark = set(), self.memory_every
        try:
            with conn.cursor() as cr:
                while True:
                    sample = self.sample(cr, seen)
                    self.samples.append(sample)
                    while mark and sample["delivered"] >= mark:
                        self.memory.append(sample)
                        mark += self.memory_every
                    if self.stopped.wait(self.every):
                        self.samples.append(self.sample(cr, seen))
                        return
        except Exception as error:  # pylint: disable=broad-except
            self.error = repr(error)
        finally:
            conn.close()


# ----------------------------------------------------------------------
# Figures
# ----------------------------------------------------------------------


def at(samples, t):
    """The first sample at or after ``t`` seconds (the last one if none)."""
    return next((s for s in samples if s["t"] >= t), samples[-1])


def log_time(line):
    """The epoch time of an Odoo log line (its local time stamp), or None."""
    try:
        stamp = time.mktime(time.strptime(line[:19], "%Y-%m-%d %H:%M:%S"))
        return stamp + int(line[20:23]) / 1000
    except (ValueError, IndexError):
        return None


def log_figures(logfile, start, end):
    """From the server's log: the gateway's queries per mail (Odoo's request
    line ``... 200 - <queries> <query time> <other time>`` of the XML-RPC
    calls between ``start`` and ``end``, the delivery) and the intake cron's
    runs (``done in <s>`` and ``processed <n> records``), during the
    delivery and after it; the mails the gateway completed itself."""
    queries, cron = [], {"during": [0.0, 0], "after": [0.0, 0]}
    last_done, batches = {}, []
    on_delivery = 0
    with open(logfile, errors="replace") as log:
        for line in log:
            if ON_DELIVERY in line:
                on_delivery += 1
            elif '"POST /xmlrpc/2/object HTTP' in line:
                stamp = log_time(line)
                parts = line.split()
                if stamp and start <= stamp <= end and parts[-4] == "-":
                    queries.append(int(parts[-3]))
            elif CRON_NAME in line:
                pid = line.split()[2]
                if " done in " in line:
                    last_done[pid] = float(line.rsplit(" done in ", 1)[1].split("s")[0])
                elif " processed " in line and pid in last_done:
                    words = line.split(" processed ", 1)[1].split()
                    done, remaining = int(words[0]), int(words[2])
                    stamp = log_time(line) or 0
                    phase = "during" if stamp <= end else "after"
                    seconds = last_done.pop(pid)
                    cron[phase][0] += seconds
                    cron[phase][1] += done
                    batches.append(
                        [round(stamp - start, 1), pid, seconds, done, remaining]
                    )
    queries.sort()
    figures = {
        "gateway_queries_per_mail": round(sum(queries) / len(queries), 1)
        if queries
        else None,
        "gateway_queries_median": queries[len(queries) // 2] if queries else None,
    }
    # The longest time without a batch committed during the delivery.
    stamps = [0.0] + [b[0] for b in batches if b[0] <= end - start] + [end - start]
    figures["cron_gap_max_s_during_delivery"] = round(
        max(b - a for a, b in zip(stamps, stamps[1:], strict=False)), 1
    )
    figures["cron_batches"] = batches
    figures["completed_on_delivery"] = on_delivery
    for phase, (seconds, done) in cron.items():
        figures[f"cron_s_{phase}_delivery"] = round(seconds, 1)
        figures[f"cron_done_{phase}_delivery"] = done
        figures[f"cron_per_s_{phase}_delivery"] = (
            round(done / seconds, 2) if seconds else None
        )
    return figures


def queue_figures(samples, delivery_s, drain_s):
    """The queue during the delivery (quarters) and after it."""
    during = [s for s in samples if s["t"] <= delivery_s] or samples[:1]
    end = at(samples, delivery_s)
    quarters, peaks = {}, []
    for index, fraction in enumerate((0.25, 0.5, 0.75, 1.0)):
        quarters[f"queue_at_{int(fraction * 100)}pct"] = at(
            samples, fraction * delivery_s
        )["queue"]
        low, high = index * delivery_s / 4, fraction * delivery_s
        peaks.append(
            max((s["queue"] for s in samples if low <= s["t"] <= high), default=0)
        )
    arrived = end["complaints"] - samples[0]["complaints"]
    completed = (end["complaints"] - end["queue"]) - (
        samples[0]["complaints"] - samples[0]["queue"]
    )
    result = {
        "queue_max": max(s["queue"] for s in samples),
        "queue_max_during_delivery": max(s["queue"] for s in during),
        **quarters,
        "queue_peak_per_quarter": peaks,
        # Growing: the last quarter's peak well above the second quarter's
        # (a queue under one cron batch of 50 is noise).
        "growing_at_end": peaks[3] > max(50, 1.2 * peaks[1]),
        "complaints_arrived_per_s": round(arrived / delivery_s, 2),
        "completed_during_delivery": completed,
        "completed_per_s_during_delivery": round(completed / delivery_s, 2),
        "drain_per_s_after_delivery": round(end["queue"] / drain_s, 2)
        if drain_s
        else 0.0,
        "load1_max": max(s["load1"] for s in samples),
        "load1_mean": round(sum(s["load1"] for s in samples) / len(samples), 2),
    }
    return result


def memory_figures(sampler):
    """RSS (MiB) per HTTP worker at each memory mark, and the growth of each
    worker from the first mark to the last."""
    marks = [
        {
            "mails": s["delivered"],
            "t": s["t"],
            "http_rss_mib": {
                str(pid): round(kb / 1024, 1) for pid, kb in s["http_rss_kb"].items()
            },
        }
        for s in sampler.memory
    ]
    growth = {}
    if len(marks) > 1:
        first, last = marks[0]["http_rss_mib"], marks[-1]["http_rss_mib"]
        for pid in first:
            if pid in last and first[pid]:
                growth[pid] = round(100 * (last[pid] / first[pid] - 1), 1)
    return {
        "memory_marks": marks,
        "rss_growth_pct": growth,
        "rss_growth_max_pct": max(growth.values(), default=None),
        "recycled_workers": sampler.recycled,
    }


# ----------------------------------------------------------------------
# Run
# ----------------------------------------------------------------------


def server_options(args):
    options = []
    if args.limit_memory_soft:
        soft = args.limit_memory_soft * 1024 * 1024
        options += [f"--limit-memory-soft={soft}", f"--limit-memory-hard={2 * soft}"]
    return options + args.odoo_option


def deliver_and_drain(args, proc, port, db, deadline):
    """The burst with the sampler running, then the drain and the checks."""
    uid = mail_burst.proxy(port, "common", 60).authenticate(
        db, "admin", args.password, {}
    )
    if not uid:
        raise RuntimeError("admin cannot log in: wrong --password?")
    mails = mail_burst.run_mails(args.mails)
    sampler = Sampler(db, proc.pid, port, mails, args.sample_every, args.memory_every)
    conn = mail_burst.connect(db)
    try:
        sampler.start_time = time.monotonic()
        sampler.wall_start = time.time()
        sampler.start()
        print(f"delivering {args.mails} mails ...", flush=True)
        mails, kills, elapsed = mail_burst.burst(
            args, proc, port, db, uid, deadline, mails=mails, rate=args.rate
        )
        sampler.wall_end = time.time()
        print(f"delivered in {elapsed:.1f}s, waiting for the intake cron", flush=True)
        drain_deadline = deadline
        if args.drain_timeout is not None:
            drain_deadline = min(deadline, time.monotonic() + args.drain_timeout)
        drained = mail_burst.drain(
            conn, port, db, uid, args.password, drain_deadline, args.nudge
        )
        sampler.stopped.set()
        sampler.join(30)
        memory = mail_burst.rss(proc.pid, port)
        out = mail_burst.check(conn, mails)
    finally:
        sampler.stopped.set()
        conn.close()
    return mails, kills, elapsed, drained, memory, out, sampler


def run_one(args, db, workdir, deadline):
    log = os.path.join(workdir, "odoo.log")
    load_before = os.getloadavg()
    start = time.monotonic()
    mail_burst.prepare_db(args, db, deadline, log)
    prepare_s = round(time.monotonic() - start, 1)
    port = args.port or mail_burst.free_port()
    proc, cmd = mail_burst.start_server(args, db, port, log, server_options(args))
    try:
        print("server:", " ".join(cmd), flush=True)
        mail_burst.wait_http(proc, port, deadline)
        mails, kills, elapsed, drained, memory, out, sampler = deliver_and_drain(
            args, proc, port, db, deadline
        )
    finally:
        mail_burst.kill_group(proc)
    result = mail_burst.summarize(args, mails, kills, elapsed, drained, out)
    result.update(prepare_s=prepare_s, rss_kb=memory, log=log, db=db)
    if sampler.samples:
        result.update(queue_figures(sampler.samples, elapsed, drained[0]))
    result.update(memory_figures(sampler))
    result.update(log_figures(log, sampler.wall_start, sampler.wall_end))
    result["sampler_error"] = sampler.error
    result["log_counts"] = mail_burst.log_stats(
        log, {**mail_burst.LOG_MARKERS, **RECYCLE_MARKERS}
    )
    result["log_counts"]["server_tracebacks"] = mail_burst.log_stats(
        log + ".out", {"tracebacks": "Traceback (most recent call last)"}
    )["tracebacks"]
    result["load_avg_before"] = [round(value, 2) for value in load_before]
    result["load_avg"] = [round(value, 2) for value in os.getloadavg()]
    result["samples"] = sampler.samples
    return result


TABLE = (
    ("workers", "HTTP workers"),
    ("mails_per_s", "mails/s accepted by the gateway"),
    ("elapsed_s", "delivery (s)"),
    ("complaints_arrived_per_s", "complaints/s arriving"),
    ("completed_per_s_during_delivery", "complaints/s completed during delivery"),
    ("gateway_queries_per_mail", "gateway queries per mail (mean)"),
    ("cron_per_s_during_delivery", "cron: complaints/s while it runs, during delivery"),
    ("cron_s_during_delivery", "cron: seconds running during delivery"),
    ("cron_gap_max_s_during_delivery", "cron: longest gap between batches (s)"),
    ("cron_per_s_after_delivery", "cron: complaints/s while it runs, after"),
    ("queue_at_25pct", "queue at 25 % of the delivery"),
    ("queue_at_50pct", "queue at 50 %"),
    ("queue_at_75pct", "queue at 75 %"),
    ("queue_at_100pct", "queue at the last delivery"),
    ("queue_peak_per_quarter", "queue peak per quarter"),
    ("queue_max", "queue max"),
    ("completed_on_delivery", "completed by the gateway, the queue full"),
    ("growing_at_end", "growing at the end"),
    ("drain_s", "drain after the last delivery (s)"),
    ("drain_per_s_after_delivery", "complaints/s drained after it"),
    ("rss_growth_max_pct", "RSS growth per HTTP worker, max (%)"),
    ("recycled_workers", "HTTP workers replaced"),
    ("load1_mean", "load average (1 min), mean"),
    ("load1_max", "load average (1 min), max"),
)


# What mail_burst.report prints of a run (the rest is in the table above).
BURST_KEYS = (
    "mails",
    "replies",
    "complaints",
    "delivery_retries",
    "retry_causes",
    "dropped_as_known",
    "drained",
    *mail_burst.CHECKS,
    "orphan_replies",
    "failure_records",
    "shelved_mails",
    "prepare_s",
    "examples",
    "rss_kb",
    "log",
    "log_counts",
    "db",
)


def report(results):
    print("\n## mail scaling")
    runs = " | ".join(f"run {index + 1}" for index in range(len(results)))
    print(f"| figure | {runs} |")
    print("| --- |" + " ---: |" * len(results))
    for key, label in TABLE:
        print(f"| {label} | " + " | ".join(str(r.get(key)) for r in results) + " |")
    for result in results:
        print(f"\nworkers={result['workers']}: RSS (MiB) per HTTP worker")
        for mark in result["memory_marks"]:
            print(f"  after {mark['mails']} mails: {mark['http_rss_mib']}")
        print(f"  log: {result['log']} {result['log_counts']}")
        if result["sampler_error"]:
            print(f"  sampler failed: {result['sampler_error']}")
    ok = True
    for result in results:
        print(f"\n### checks, workers={result['workers']}")
        checks = {key: result[key] for key in BURST_KEYS if key in result}
        ok = mail_burst.report(checks) and not result["sampler_error"] and ok
    return ok


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--odoo", required=True, help="Odoo 18 source tree")
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("--db", default=None, help="an existing database to use")
    parser.add_argument("--password", default="admin", help="the admin's password")
    parser.add_argument("--data-dir", default=None, help="Odoo's --data-dir")
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--cron-threads", type=int, default=2)
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="hand out at most this many mails per second (default: as fast "
        "as the clients get them accepted)",
    )
    parser.add_argument("--sample-every", type=float, default=2.0, help="seconds")
    parser.add_argument(
        "--memory-every", type=int, default=1000, help="RSS mark every N mails"
    )
    parser.add_argument(
        "--limit-memory-soft",
        type=int,
        default=None,
        help="MiB (virtual memory, as Odoo measures it); the hard limit is "
        "twice that. Default: Odoo's (2048 / 2560 MiB)",
    )
    parser.add_argument(
        "--odoo-option",
        action="append",
        default=[],
        help="one more odoo-bin option for the server, e.g. "
        "--odoo-option=--limit-time-real-cron=600 (repeatable)",
    )
    parser.add_argument("--port", type=int, default=None, help="default: a free one")
    parser.add_argument("--timeout", type=float, default=3600, help="overall seconds")
    parser.add_argument(
        "--drain-timeout",
        type=float,
        default=None,
        help="seconds to wait for the queue to empty after the last delivery "
        "(default: up to --timeout); a run cut short fails its checks",
    )
    parser.add_argument("--json", default=None, help="write the results here")
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter for odoo-bin"
    )
    parser.add_argument(
        "--no-nudge",
        dest="nudge",
        action="store_false",
        help="after the last delivery, wait for the gateway's own cron triggers",
    )
    args = parser.parse_args()
    args.kill_every = 0
    args.reuse_db = bool(args.db)
    if args.db and not mail_burst.db_exists(args.db):
        sys.exit(f"database {args.db} does not exist")
    return args


def main():
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    deadline = time.monotonic() + args.timeout
    results = []
    for workers in args.workers:
        run_args = copy.copy(args)
        run_args.workers = workers
        db = args.db or time.strftime(f"kbscale_w{workers}_%Y%m%d_%H%M%S")
        workdir = tempfile.mkdtemp(prefix=f"{db}-")
        print(f"\n# workers={workers}, database {db}", flush=True)
        try:
            results.append(run_one(run_args, db, workdir, deadline))
        finally:
            if not args.db:
                print(f"dropping {db}", flush=True)
                mail_burst.drop_db(db, args.data_dir)
        if args.json:
            with open(args.json, "w") as out:
                json.dump(results, out, indent=2)
    return 0 if report(results) else 1


if __name__ == "__main__":
    sys.exit(main())
