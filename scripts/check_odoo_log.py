#!/usr/bin/env python3
"""Judge the log of an ``odoo-bin --test-enable`` run (used by scripts/test.sh).

Odoo's exit code alone is not enough: an addon can log warnings (deprecated
view syntax, missing access rules, bad translations...) that never fail a
test. We fail on:

- failed tests (Odoo's "N failed, N error(s) of N tests" summary line);
- any other ERROR or CRITICAL record (e.g. an addon that fails to install);
- any WARNING record whose logger starts with ``odoo.addons.<addon>`` or
  whose message mentions one of our addons.

Log records look like:
    2026-11-23 18:00:00,123 4242 WARNING dbname odoo.addons.x.y: message
followed by continuation lines (tracebacks) that belong to the record.

Prints the offending records and a tally, then on the LAST stdout line:
    passed=N failed=N skipped=N problems=N summary=0|1
(``summary=0`` means Odoo never printed its "N failed, N error(s) of N tests"
line, e.g. because it crashed.)  Exit status: 1 if anything is wrong.
"""

import argparse
import re
import sys

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[\w.\-]+): (?P<msg>.*)$"
)
SUMMARY = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests"
    r" when loading database"
)
SKIPPED = re.compile(r"^skipped \S+ : ")
# How OdooTestResult logs a failed or erroring test (counted by the summary).
TEST_FAILURE = re.compile(r"^(FAIL|ERROR): ")


def parse(lines):
    """Yield (level, logger, message, continuation_lines) records."""
    current = None
    for line in lines:
        line = line.rstrip("\n")
        match = RECORD.match(line)
        if match:
            if current:
                yield current
            current = (match["level"], match["logger"], match["msg"], [line])
        elif current:
            current[3].append(line)
    if current:
        yield current


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logfile")
    parser.add_argument(
        "--addons",
        default="klachtenbeheer,klachtenbeheer_survey",
        help="comma-separated addon names whose warnings fail the run",
    )
    args = parser.parse_args()
    addons = [a for a in args.addons.split(",") if a]
    # The shared prefix (klachtenbeheer) also matches klachtenbeheer_survey.
    mention = re.compile("|".join(re.escape(a) for a in addons))
    prefixes = tuple(f"odoo.addons.{a}" for a in addons)

    with open(args.logfile, encoding="utf-8", errors="replace") as fh:
        records = list(parse(fh))

    problems = []
    test_failures = []
    run = failed = skipped = 0
    have_summary = False
    for level, logger, msg, raw in records:
        summary = SUMMARY.search(msg)
        if summary and logger == "odoo.tests.result":
            have_summary = True
            run += int(summary["run"])
            failed += int(summary["failed"]) + int(summary["errors"])
            # The summary itself is ERROR when tests failed: counted above.
            continue
        if level == "INFO" and logger.startswith(prefixes) and SKIPPED.match(msg):
            skipped += 1
        if level == "ERROR" and TEST_FAILURE.match(msg):
            test_failures.append(raw)
            continue
        ours = logger.startswith(prefixes) or bool(mention.search(msg))
        if level in ("ERROR", "CRITICAL") or (level == "WARNING" and ours):
            problems.append(raw)

    if test_failures:
        print(f"\n{len(test_failures)} failed test(s) (details in {args.logfile}):")
        for raw in test_failures:
            print("  " + raw[0])
    if problems:
        print(f"\n{len(problems)} log record(s) at WARNING or above that fail the run:")
        for raw in problems:
            print("  " + "\n  ".join(raw[:40]))
            if len(raw) > 40:
                print(f"  ... ({len(raw) - 40} more lines in {args.logfile})")
    if not have_summary:
        print("Odoo did not print its test summary line (did it crash?)")
    passed = max(run - failed - skipped, 0)
    print(
        f"odoo-bin: {passed} passed, {failed} failed, {skipped} skipped (of {run} run)"
    )
    print(
        f"passed={passed} failed={failed} skipped={skipped} "
        f"problems={len(problems)} summary={int(have_summary)}"
    )
    return 1 if problems or failed or not have_summary else 0


if __name__ == "__main__":
    sys.exit(main())
