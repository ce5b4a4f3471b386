#!/usr/bin/env bash
# `make demo`: from a fresh machine to a running, Dutch-speaking demo.
#
#   1. find Odoo 18 (clone it upstream when missing and the internet is reachable)
#   2. project venv, PostgreSQL, wkhtmltopdf (PDF reports)
#   3. (re)create DB klachtenbeheer_demo: install both addons WITH demo data
#      and the Dutch language
#   4. scripts/demo_post.py (odoo-bin shell): Dutch + Europe/Amsterdam for
#      the internal users and the company
#   5. print the logins and serve on http://127.0.0.1:8069 (foreground)
#
# Knobs:
#   DEMO_PORT=8069       HTTP port
#   DEMO_NO_SERVE=1      set everything up, print the logins, and exit
#   DEMO_SERVE_ONLY=1    (make demo-serve) serve the existing demo DB, no reinstall
#   KLACHTEN_VENV, ODOO_PATH, ODOO_DEFAULT_PATH: see scripts/lib.sh
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$KB_REPO"

DB=klachtenbeheer_demo
PORT=${DEMO_PORT:-8069}
MODULES=$(
	IFS=,
	echo "${KB_ADDONS[*]}"
)
# Config and filestore of the demo live in var/ (git-ignored), not in $HOME.
DEMO_DIR="$KB_REPO/var/demo"

find_odoo demo
ensure_venv with-odoo
ensure_postgres
if ! have wkhtmltopdf; then
	# Odoo renders PDF reports with it; Debian's package is the supported one.
	require_debs "PDF reports" wkhtmltopdf
fi

mkdir -p "$DEMO_DIR/data"
CFG="$DEMO_DIR/odoo.cfg"
cat >"$CFG" <<EOF
; Written by scripts/demo.sh on every run; edits are lost.
[options]
addons_path = $ODOO_ADDONS_DIR,$KB_REPO
data_dir = $DEMO_DIR/data
db_name = $DB
dbfilter = ^$DB\$
list_db = False
http_interface = 127.0.0.1
http_port = $PORT
EOF

serve() {
	log "Serving on http://127.0.0.1:$PORT (Ctrl-C stops)"
	odoo_run -c "$CFG" -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1 --http-port="$PORT"
}

db_exists() { psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; }

if [ "${DEMO_SERVE_ONLY:-0}" = 1 ]; then
	db_exists || die "database $DB does not exist yet: run make demo first"
	serve
	exit
fi

if db_exists; then
	log "Database $DB exists: dropping it to start from scratch"
	dropdb "$DB"
fi
rm -rf "$DEMO_DIR/data/filestore/$DB"

log "Creating $DB: installing $MODULES with demo data and Dutch (log: $DEMO_DIR/install.log)"
t0=$SECONDS
if ! odoo_run -c "$CFG" -d "$DB" -i "$MODULES" --load-language=nl_NL \
	--stop-after-init --no-http --log-level=info >"$DEMO_DIR/install.log" 2>&1; then
	tail -40 "$DEMO_DIR/install.log" >&2
	die "installing $MODULES failed; full log: $DEMO_DIR/install.log"
fi
if grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$DEMO_DIR/install.log"; then
	grep -E -A5 '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$DEMO_DIR/install.log" >&2
	die "the install logged errors (above); full log: $DEMO_DIR/install.log"
fi
log "Installed in $((SECONDS - t0))s"

log "Dutch language and Amsterdam time zone for the users and the company"
odoo_run shell -c "$CFG" -d "$DB" --no-http --log-level=warn <"$KB_REPO/scripts/demo_post.py"

cat <<EOF

================================================================
 Klachtenbeheer demo: http://127.0.0.1:$PORT  (database $DB)

 login          password  role
 admin          admin     beheerder (all rights)
 coordinator    demo      klachtcoördinator
 teamleider     demo      teamleider Wonen
 behandelaar    demo      behandelaar team Wonen
 behandelaar2   demo      behandelaar team Vastgoed
 medewerker     demo      medewerker
================================================================
EOF

if [ "${DEMO_NO_SERVE:-0}" = 1 ]; then
	log "DEMO_NO_SERVE=1: not starting the server. Serve later with:"
	log "  make demo-serve"
	exit 0
fi
serve
