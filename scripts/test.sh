#!/usr/bin/env bash
# `make test`: everything CI checks, in one command.
#
#   1. find Odoo 18 (never fetched here: see README "Where the scripts look for Odoo")
#   2. project venv (dev tools; + Odoo's requirements when Odoo was found)
#   3. static checks: pre-commit run --all-files (.pre-commit-config.yaml)
#   4. tooling tests: pytest tests/ (packaging, translations, discovery)
#   5. with Odoo: install both addons with demo data in a fresh throwaway DB
#      and run their tests with odoo-bin --test-enable, check the log, then
#      run the same tests again with pytest-odoo against that DB; drop the DB.
#      Then the 200-mail burst with worker kills (bench/mail_burst.py), and
#      every other benchmark once at a tiny size against OCA helpdesk_mgmt
#      (the burst without kills, bench/mail_scaling.py, with 20 mails).
#      Without Odoo: print the SKIPPED line and stop after step 4.
#
# The last line printed is "N passed, M failed, K skipped" over all runners;
# the exit status is non-zero if anything failed.
#
# Knobs:
#   KLACHTEN_TEST_TAGS   Odoo --test-tags (default: every addon, /klachtenbeheer,/klachtenbeheer_survey,...)
#   KLACHTEN_PYTEST_ARGS extra arguments for the pytest-odoo run (e.g. "-k Intake -x")
#   KEEP_DB=1            keep the test database (and its temp dir) for inspection
#   KLACHTEN_FAST=1      (make test-fast) reuse DB kbtest_fast and upgrade (-u)
#                        the addons instead of installing them in a new DB
#   KLACHTEN_VENV, ODOO_PATH, ODOO_DEFAULT_PATH: see scripts/lib.sh
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$KB_REPO"

T_START=$SECONDS
TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
SUMMARY_LINES=()

# tally NAME PASSED FAILED SKIPPED [NOTE]
tally() {
	SUMMARY_LINES+=("$(printf '  %-30s %4s passed, %3s failed, %3s skipped  %s' "$1" "$2" "$3" "$4" "${5:-}")")
	TOTAL_PASSED=$((TOTAL_PASSED + $2))
	TOTAL_FAILED=$((TOTAL_FAILED + $3))
	TOTAL_SKIPPED=$((TOTAL_SKIPPED + $4))
}

# junit_counts FILE -> "passed failed skipped" from a pytest --junitxml report.
# Counts <testcase> elements: the suite's "tests" attribute also counts
# subtests (pytest >= 9), which the terminal summary does not.
junit_counts() {
	"$KB_PYTHON" - "$1" <<'EOF'
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for case in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    outcomes = {child.tag for child in case}
    if outcomes & {"failure", "error"}:
        failed += 1
    elif "skipped" in outcomes:
        skipped += 1
    else:
        passed += 1
print(passed, failed, skipped)
EOF
}

banner() { printf '\n######## %s ########\n' "$*"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/klachten-test.XXXXXX")
DB=""
DROP_DB=0
FINISHED=0
cleanup() {
	if [ -n "$DB" ] && [ "$DROP_DB" = 1 ]; then
		if [ "${KEEP_DB:-0}" = 1 ]; then
			log "KEEP_DB=1: keeping database $DB"
		else
			log "Dropping test database $DB"
			dropdb --if-exists "$DB" || warn "could not drop database $DB"
		fi
	fi
	DB=""
	# Logs, config and filestore: removed after a clean run, kept to debug otherwise.
	if [ -d "$WORK" ]; then
		if [ "$FINISHED" = 1 ] && [ "$TOTAL_FAILED" = 0 ] && [ "${KEEP_DB:-0}" != 1 ]; then
			rm -rf "$WORK"
		else
			log "Logs and config kept in $WORK"
		fi
	fi
}
# Drop the throwaway DB on any exit, including failures and Ctrl-C.
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. Odoo ---------------------------------------------------------------
banner "Odoo discovery"
ODOO_FOUND=0
if find_odoo test; then
	ODOO_FOUND=1
else
	warn "no Odoo $ODOO_SERIES found (looked at: python 'import odoo', \$ODOO_PATH, $ODOO_DEFAULT_PATH)"
fi

# --- 2. venv ---------------------------------------------------------------
banner "Project venv"
if [ "$ODOO_FOUND" = 1 ]; then
	ensure_venv with-odoo
else
	ensure_venv
fi
export PATH="$KB_VENV/bin:$PATH"

# --- 3. static checks ------------------------------------------------------
banner "Static checks (pre-commit run --all-files)"
t0=$SECONDS
if ! git rev-parse --git-dir >/dev/null 2>&1; then
	warn "not a git repository: pre-commit cannot run (use a git clone)"
	tally "static checks (pre-commit)" 0 1 0 "not a git repository"
else
	set +e
	"$KB_VENV/bin/pre-commit" run --all-files --color=never 2>&1 | tee "$WORK/pre-commit.log"
	rc=${PIPESTATUS[0]}
	set -e
	hooks_passed=$(grep -cE 'Passed$' "$WORK/pre-commit.log" || true)
	hooks_failed=$(grep -cE 'Failed$' "$WORK/pre-commit.log" || true)
	hooks_skipped=$(grep -cE 'Skipped$' "$WORK/pre-commit.log" || true)
	if [ "$rc" != 0 ] && [ "$hooks_failed" = 0 ]; then hooks_failed=1; fi
	tally "static checks (pre-commit)" "$hooks_passed" "$hooks_failed" "$hooks_skipped" "hooks, $((SECONDS - t0))s"
fi

# --- 4. tooling tests ------------------------------------------------------
banner "Tooling tests (pytest tests/)"
t0=$SECONDS
# -p no:odoo: pytest-odoo imports odoo when loaded; these tests do not need it.
export KLACHTEN_VENV="$KB_VENV"
if [ "$ODOO_FOUND" = 1 ]; then export KLACHTEN_ODOO_DIR="$ODOO_DIR"; else unset KLACHTEN_ODOO_DIR; fi
set +e
"$KB_VENV/bin/python" -m pytest -p no:odoo -p no:cacheprovider -ra \
	--junitxml="$WORK/pytest-tools.xml" tests
rc=$?
set -e
if [ -f "$WORK/pytest-tools.xml" ]; then
	read -r p f s < <(junit_counts "$WORK/pytest-tools.xml")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	tally "pytest tests/" "$p" "$f" "$s" "$((SECONDS - t0))s"
else
	tally "pytest tests/" 0 1 0 "pytest crashed (exit $rc)"
fi

# --- 5. Odoo tests ---------------------------------------------------------
run_odoo_tests() {
	local modules tags cfg data_dir port init_flag rc p f s problems summary t0 test_dirs=() a
	modules=$(
		IFS=,
		echo "${KB_ADDONS[*]}"
	)
	tags=${KLACHTEN_TEST_TAGS:-$(
		IFS=,
		printf '%s' "${KB_ADDONS[*]/#//}"
	)}

	if ! (ensure_postgres); then
		tally "odoo-bin --test-enable" 0 1 0 "PostgreSQL not available"
		return
	fi

	init_flag=-i
	if [ "${KLACHTEN_FAST:-0}" = 1 ]; then
		# Reuse one DB: much faster, but not a clean install; CI uses the full run.
		DB=kbtest_fast
		data_dir="$KB_REPO/var/test-fast/data"
		if psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
			init_flag=-u
		fi
	else
		# A fresh DB per run. The name must not contain "klachtenbeheer": the
		# log check flags every warning that mentions the addons.
		DB="kbtest_$(date +%Y%m%d_%H%M%S)_$RANDOM"
		data_dir="$WORK/data"
		DROP_DB=1
	fi
	mkdir -p "$data_dir"
	port=$(free_port)

	# One config for both runners: same addons path, same filestore.
	cfg="$WORK/odoo.cfg"
	cat >"$cfg" <<EOF
[options]
addons_path = $ODOO_ADDONS_DIR,$KB_REPO
data_dir = $data_dir
http_interface = 127.0.0.1
http_port = $port
EOF

	banner "Odoo: install $modules ($init_flag) in $DB and run tests ($tags)"
	t0=$SECONDS
	log "log file: $WORK/odoo-test.log"
	set +e
	odoo_run -c "$cfg" --addons-path="$ODOO_ADDONS_DIR,$KB_REPO" -d "$DB" \
		"$init_flag" "$modules" --test-enable --test-tags "$tags" \
		--stop-after-init --http-port "$port" --log-level=info 2>&1 |
		tee "$WORK/odoo-test.log"
	rc=${PIPESTATUS[0]}
	set -e
	log "odoo-bin exited with $rc after $((SECONDS - t0))s"

	banner "Odoo log check"
	set +e
	"$KB_PYTHON" "$KB_REPO/scripts/check_odoo_log.py" "$WORK/odoo-test.log" | tee "$WORK/log-check.txt"
	set -e
	read -r p f s problems summary < <(tail -1 "$WORK/log-check.txt" | sed -E 's/[a-z]+=//g')
	tally "odoo-bin --test-enable" "$p" "$f" "$s" "$((SECONDS - t0))s"
	if [ "$rc" != 0 ] || [ "$problems" != 0 ] || [ "$summary" != 1 ]; then
		tally "odoo-bin exit code + log" 0 1 0 "exit $rc, $problems bad log record(s) (see above)"
	else
		tally "odoo-bin exit code + log" 1 0 0 "exit 0, no warnings from our addons"
	fi

	# pytest-odoo: the same tests, post-install, against the same DB. With
	# KLACHTEN_TEST_TAGS naming some of our addons, only those addons.
	local wanted=()
	for a in "${KB_ADDONS[@]}"; do
		if [[ "${KLACHTEN_TEST_TAGS:-}," =~ /$a([,:.]|\[) ]]; then wanted+=("$a"); fi
	done
	[ "${#wanted[@]}" -gt 0 ] || wanted=("${KB_ADDONS[@]}")
	for a in "${wanted[@]}"; do
		if compgen -G "$a/tests/test_*.py" >/dev/null; then test_dirs+=("$a/tests"); fi
	done
	if [ "${#test_dirs[@]}" = 0 ]; then
		log "pytest-odoo: no addon tests to run"
		return
	fi
	banner "pytest-odoo on ${test_dirs[*]} against $DB"
	t0=$SECONDS
	set +e
	# shellcheck disable=SC2086  # KLACHTEN_PYTEST_ARGS is a list of words
	PYTHONPATH=$(odoo_pythonpath) TZ=UTC "$KB_VENV/bin/python" -m pytest -p no:cacheprovider -ra \
		--odoo-config="$cfg" --odoo-database="$DB" --odoo-http \
		--junitxml="$WORK/pytest-odoo.xml" ${KLACHTEN_PYTEST_ARGS:-} "${test_dirs[@]}"
	rc=$?
	set -e
	if [ -f "$WORK/pytest-odoo.xml" ]; then
		read -r p f s < <(junit_counts "$WORK/pytest-odoo.xml")
		# Exit 5 = nothing collected (e.g. a -k in KLACHTEN_PYTEST_ARGS): not a failure.
		if [ "$rc" != 0 ] && [ "$rc" != 5 ] && [ "$f" = 0 ]; then f=1; fi
		tally "pytest-odoo" "$p" "$f" "$s" "$((SECONDS - t0))s"
	else
		tally "pytest-odoo" 0 1 0 "pytest crashed (exit $rc)"
	fi

	# Last, on the fresh database only: uninstall both addons and check that
	# nothing of them is left (tables, columns, models, menus, xml ids).
	if [ "${KLACHTEN_FAST:-0}" != 1 ]; then
		banner "Uninstall check on $DB"
		t0=$SECONDS
		set +e
		odoo_run shell -c "$cfg" -d "$DB" --log-level=warn --no-http \
			<"$KB_REPO/scripts/check_uninstall.py" 2>&1 | tee "$WORK/uninstall.log"
		rc=${PIPESTATUS[0]}
		set -e
		if [ "$rc" = 0 ] && grep -q '^uninstall clean' "$WORK/uninstall.log" &&
			! grep -E ' (WARNING|ERROR|CRITICAL) ' "$WORK/uninstall.log" | grep -q klachtenbeheer; then
			tally "uninstall clean" 1 0 0 "$((SECONDS - t0))s"
		else
			tally "uninstall clean" 0 1 0 "exit $rc, see $WORK/uninstall.log"
		fi
	fi

	# A burst of 200 mails from 8 mailgate-like clients into a prefork server
	# (4 HTTP workers, 2 cron workers) while workers are killed: none lost or
	# duplicated, replies on their parent, one acknowledgement each
	# (bench/mail_burst.py, its own throwaway database).
	if [ "${KLACHTEN_FAST:-0}" != 1 ] && [ -n "$ODOO_BIN" ]; then
		banner "Mail burst: 200 mails, workers killed (bench/mail_burst.py)"
		t0=$SECONDS
		set +e
		"$KB_VENV/bin/python" "$KB_REPO/bench/mail_burst.py" --odoo "$ODOO_DIR" \
			--addons-path "$ODOO_ADDONS_DIR,$KB_REPO" --mails 200 --kill-every 2 \
			--timeout 900 --data-dir "$WORK/burst-data" --json "$WORK/burst.json" 2>&1 |
			tee "$WORK/burst.log" | grep -vE ' (INFO|DEBUG) '
		rc=${PIPESTATUS[0]}
		set -e
		if [ "$rc" = 0 ]; then
			tally "mail burst (200, kills)" 1 0 0 "$((SECONDS - t0))s"
		else
			tally "mail burst (200, kills)" 0 1 0 "exit $rc, see $WORK/burst.log"
		fi
		run_bench_smoke
	fi
}

# Every other script in bench/ once at a tiny size against its peer, so that
# a schema change that breaks a benchmark's seeding SQL fails here: a
# throwaway database with klachtenbeheer and OCA helpdesk_mgmt (the peer from
# requirements-peer.txt), no demo data.
run_bench_smoke() {
	local bdb site ap t0 rc name cmd
	local -a cmds=(
		"pivot_report.py --size 200 --runs 1"
		"escalation_cron.py --sizes 200 --batches 1 --batch-size 50"
		"mail_intake.py --mails 20"
		"mail_intake.py --mails 20 --peer-ack"
		"mail_intake_queries.py --cron 5"
		"mail_intake_queries.py"
		"mail_intake_queries.py --target helpdesk_mgmt"
		"anonymise.py --complaints 200 --batch-size 50 --resume-complaints 100"
		"suggestion_learning.py --complaints 300 --batch-size 100 --mails 50"
		"suggestion_accuracy.py --size 200"
		"daily_screens.py --size 200 --runs 1"
		# Last: a prefork server on this database (20 mails, one HTTP worker).
		"mail_scaling.py --mails 20 --workers 1 --timeout 300"
	)
	site=$("$KB_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
	if [ ! -d "$site/odoo/addons/helpdesk_mgmt" ]; then
		tally "bench smoke runs" 0 1 0 "helpdesk_mgmt missing in $site (requirements-peer.txt)"
		return
	fi
	ap="$ODOO_ADDONS_DIR,$KB_REPO,$site/odoo/addons"
	bdb="kbbench_smoke_$(date +%Y%m%d_%H%M%S)_$RANDOM"
	banner "Benchmarks at a tiny size (bench/*.py) in $bdb"
	t0=$SECONDS
	set +e
	odoo_run --addons-path="$ap" -d "$bdb" -i klachtenbeheer,helpdesk_mgmt \
		--without-demo=all --stop-after-init --no-http --log-level=warn \
		--data-dir "$WORK/bench-data" >"$WORK/bench-install.log" 2>&1
	rc=$?
	set -e
	if [ "$rc" != 0 ]; then
		tally "bench smoke runs" 0 1 0 "install failed, see $WORK/bench-install.log"
		dropdb --if-exists "$bdb" || true
		return
	fi
	local passed=0 failed=0 failures=""
	for cmd in "${cmds[@]}"; do
		name=${cmd%% *}
		set +e
		# shellcheck disable=SC2086  # cmd is a list of words
		TZ=UTC "$KB_VENV/bin/python" "$KB_REPO/bench/"$cmd --odoo "$ODOO_DIR" \
			--db "$bdb" --addons-path "$ap" >>"$WORK/bench-smoke.log" 2>&1
		rc=$?
		set -e
		if [ "$rc" = 0 ]; then
			passed=$((passed + 1))
			log "bench/$cmd: ok"
		else
			failed=$((failed + 1))
			failures+=" $name"
			warn "bench/$cmd failed (exit $rc), see $WORK/bench-smoke.log"
		fi
	done
	dropdb --if-exists "$bdb" || warn "could not drop database $bdb"
	tally "bench smoke runs" "$passed" "$failed" 0 "$((SECONDS - t0))s${failures:+, failed:$failures}"
}

# The browser tours need Chromium, the PDF reports wkhtmltopdf (and pdftotext
# to read them back), the IMAP test Dovecot. Installed when run as root; otherwise those tests are skipped and
# the log says why.
ensure_test_tools() {
	local missing=()
	have chromium || have chromium-browser || have google-chrome || missing+=(chromium)
	have wkhtmltopdf || missing+=(wkhtmltopdf)
	have pdftotext || missing+=(poppler-utils)
	[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
	[ "${#missing[@]}" -gt 0 ] || return 0
	if is_root && have apt-get; then
		apt_install "${missing[@]}" || warn "could not install ${missing[*]}: tests that need them are skipped"
	else
		warn "missing ${missing[*]} (sudo apt-get install -y ${missing[*]}): the tests that need them are SKIPPED"
	fi
}

if [ "$ODOO_FOUND" = 1 ]; then
	ensure_test_tools
	run_odoo_tests
else
	banner "Odoo tests"
	echo "****************************************************************"
	echo "$KB_SKIP_LINE"
	echo "****************************************************************"
fi

FINISHED=1
cleanup

# --- summary ---------------------------------------------------------------
banner "Summary ($((SECONDS - T_START))s)"
printf '%s\n' "${SUMMARY_LINES[@]}"
if [ "$ODOO_FOUND" = 0 ]; then
	echo "$KB_SKIP_LINE"
fi
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
[ "$TOTAL_FAILED" = 0 ]
