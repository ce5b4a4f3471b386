# shellcheck shell=bash
# The variables below are used by the scripts that source this file.
# shellcheck disable=SC2034
# Shared helpers for scripts/test.sh, scripts/demo.sh and scripts/find_odoo.sh.
# Source this file; it only defines variables and functions.
#
# Environment knobs (all optional):
#   KLACHTEN_VENV      project virtualenv (default: <repo>/.venv)
#   KLACHTEN_PYTHON    python used to create the venv (default: python3)
#   ODOO_PATH          an Odoo 18.0 source tree (the directory with odoo-bin)
#   ODOO_DEFAULT_PATH  where we look last / clone to (default: /opt/odoo-18.0);
#                      the tests override it to simulate a machine without Odoo

KB_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KB_VENV="${KLACHTEN_VENV:-$KB_REPO/.venv}"
KB_PYTHON="${KLACHTEN_PYTHON:-python3}"
ODOO_DEFAULT_PATH="${ODOO_DEFAULT_PATH:-/opt/odoo-18.0}"
ODOO_SERIES="18.0"
ODOO_UPSTREAM="https://github.com/odoo/odoo.git"
# Every addon of the repository: the klachtenbeheer* directories with a manifest.
KB_ADDONS=()
for _kb_manifest in "$KB_REPO"/klachtenbeheer*/__manifest__.py; do
	[ -f "$_kb_manifest" ] && KB_ADDONS+=("$(basename "$(dirname "$_kb_manifest")")")
done
unset _kb_manifest

# The exact line CI and people grep for when the Odoo part of `make test` could not run.
KB_SKIP_LINE="Odoo tests SKIPPED: no Odoo 18 found (see README)"

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
	printf 'ERROR: %s\n' "$*" >&2
	exit 1
}
is_root() { [ "$(id -u)" = 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------------------
# Odoo discovery
# ---------------------------------------------------------------------------

# Print the series ("18.0", "17.0", "saas~18.1"...) of an Odoo source tree by
# executing odoo/release.py on its own: it is plain Python without imports, so
# this works before any of Odoo's dependencies are installed.
odoo_tree_series() {
	local release="$1/odoo/release.py"
	[ -f "$release" ] || return 1
	"$KB_PYTHON" - "$release" <<'EOF' 2>/dev/null
import sys
ns = {}
with open(sys.argv[1]) as fh:
    exec(compile(fh.read(), sys.argv[1], "exec"), ns)
print(".".join(str(p) for p in ns["version_info"][:2]))
EOF
}

# Why DIR is not a usable Odoo 18.0 source tree (prints nothing if it is fine).
odoo_tree_problem() {
	local dir=$1 series
	if [ ! -d "$dir" ]; then
		echo "directory does not exist"
	elif [ ! -f "$dir/odoo-bin" ]; then
		echo "no odoo-bin in it (point it at the top of an Odoo source checkout)"
	elif ! series=$(odoo_tree_series "$dir") || [ -z "$series" ]; then
		echo "cannot read the version from odoo/release.py"
	elif [ "$series" != "$ODOO_SERIES" ]; then
		echo "it is Odoo $series, we need $ODOO_SERIES"
	fi
}

# Instructions printed whenever no Odoo could be found or fetched.
odoo_howto() {
	cat >&2 <<EOF
Provide Odoo $ODOO_SERIES in one of these ways, then run the command again:
  1. clone it to the default location:
       git clone --depth 1 --branch $ODOO_SERIES $ODOO_UPSTREAM $ODOO_DEFAULT_PATH
  2. or point ODOO_PATH at an Odoo $ODOO_SERIES source tree (the directory with odoo-bin):
       export ODOO_PATH=/path/to/odoo-$ODOO_SERIES
  3. or pip-install Odoo $ODOO_SERIES into the project venv ($KB_VENV):
       $KB_VENV/bin/pip install /path/to/odoo-$ODOO_SERIES
EOF
}

# find_odoo MODE   (MODE: test | demo)
# Sets ODOO_DIR (directory holding the `odoo` package), ODOO_BIN (odoo-bin or
# empty when Odoo is an installed package), ODOO_ADDONS_DIR (its standard
# addons), ODOO_FOUND_BY and ODOO_SYSTEM_SITE (1 if Odoo lives in the system
# python, so the venv must see system site-packages).
# Returns 1 when nothing is found in test mode; dies on a wrong ODOO_PATH;
# in demo mode clones upstream when the internet is reachable, else dies.
find_odoo() {
	local mode=$1 py out series dir problem
	ODOO_DIR="" ODOO_BIN="" ODOO_ADDONS_DIR="" ODOO_FOUND_BY="" ODOO_SYSTEM_SITE=0

	# (a) an importable odoo package: the venv's python first, then python3.
	# Run from / so that a directory named "odoo" in the cwd cannot shadow it.
	for py in "$KB_VENV/bin/python" "$KB_PYTHON"; do
		if [ "$py" = "$KB_VENV/bin/python" ] && [ ! -x "$py" ]; then continue; fi
		have "$py" || [ -x "$py" ] || continue
		if out=$(cd / && "$py" -c '
import os, odoo.release as r
print(".".join(str(p) for p in r.version_info[:2]))
print(os.path.dirname(os.path.dirname(os.path.abspath(r.__file__))))
' 2>/dev/null); then
			series=${out%%$'\n'*}
			dir=${out#*$'\n'}
			if [ "$series" = "$ODOO_SERIES" ]; then
				ODOO_DIR=$dir
				ODOO_FOUND_BY="python ($py imports odoo)"
				[ "$py" = "$KB_VENV/bin/python" ] || ODOO_SYSTEM_SITE=1
				break
			fi
			warn "$py imports Odoo $series from $dir, not $ODOO_SERIES: ignoring it"
		fi
	done
	if [ -n "$ODOO_DIR" ] && [ -n "${ODOO_PATH:-}" ]; then
		warn "ODOO_PATH=$ODOO_PATH is ignored: an importable Odoo $ODOO_SERIES comes first ($ODOO_DIR)"
	fi

	# (b) ODOO_PATH: an explicit choice, so a wrong value is an error, not a fallback.
	if [ -z "$ODOO_DIR" ] && [ -n "${ODOO_PATH:-}" ]; then
		problem=$(odoo_tree_problem "$ODOO_PATH")
		if [ -n "$problem" ]; then
			printf 'ERROR: ODOO_PATH=%s is not an Odoo %s source tree: %s\n' \
				"$ODOO_PATH" "$ODOO_SERIES" "$problem" >&2
			odoo_howto
			exit 2
		fi
		ODOO_DIR=$(cd "$ODOO_PATH" && pwd)
		ODOO_FOUND_BY="ODOO_PATH"
	fi

	# (c) the documented default location.
	if [ -z "$ODOO_DIR" ] && [ -e "$ODOO_DEFAULT_PATH" ]; then
		problem=$(odoo_tree_problem "$ODOO_DEFAULT_PATH")
		if [ -z "$problem" ]; then
			ODOO_DIR=$(cd "$ODOO_DEFAULT_PATH" && pwd)
			ODOO_FOUND_BY="default location"
		else
			warn "$ODOO_DEFAULT_PATH exists but is not usable: $problem"
		fi
	fi

	# Nothing found: the demo may fetch Odoo, the tests never do.
	if [ -z "$ODOO_DIR" ]; then
		if [ "$mode" != demo ]; then
			return 1
		fi
		fetch_odoo || {
			odoo_howto
			exit 1
		}
		ODOO_DIR=$ODOO_DEFAULT_PATH
		ODOO_FOUND_BY="cloned from $ODOO_UPSTREAM"
	fi

	if [ -f "$ODOO_DIR/odoo-bin" ]; then
		ODOO_BIN="$ODOO_DIR/odoo-bin"
	fi
	# A source tree keeps the standard addons in addons/; an installed package
	# keeps them all in odoo/addons (which Odoo always adds by itself).
	if [ -d "$ODOO_DIR/addons/web" ]; then
		ODOO_ADDONS_DIR="$ODOO_DIR/addons"
	else
		ODOO_ADDONS_DIR="$ODOO_DIR/odoo/addons"
	fi
	log "Odoo $ODOO_SERIES: $ODOO_DIR (found by: $ODOO_FOUND_BY)"
}

# Shallow-clone Odoo 18.0 to the default location, only if GitHub answers.
fetch_odoo() {
	log "No Odoo $ODOO_SERIES found; checking whether $ODOO_UPSTREAM is reachable"
	if ! have git; then
		warn "git is not installed (apt-get install git), cannot fetch Odoo"
		return 1
	fi
	if ! timeout 20 git ls-remote "$ODOO_UPSTREAM" "$ODOO_SERIES" >/dev/null 2>&1; then
		warn "$ODOO_UPSTREAM is not reachable from this machine"
		return 1
	fi
	if [ -e "$ODOO_DEFAULT_PATH" ] && [ -n "$(ls -A "$ODOO_DEFAULT_PATH" 2>/dev/null)" ]; then
		warn "$ODOO_DEFAULT_PATH exists and is not empty; move it away to let us clone there"
		return 1
	fi
	if ! mkdir -p "$(dirname "$ODOO_DEFAULT_PATH")" 2>/dev/null || [ ! -w "$(dirname "$ODOO_DEFAULT_PATH")" ]; then
		warn "cannot write to $(dirname "$ODOO_DEFAULT_PATH") (run as root, or clone elsewhere and set ODOO_PATH)"
		return 1
	fi
	log "Cloning Odoo $ODOO_SERIES into $ODOO_DEFAULT_PATH (shallow, takes a few minutes)"
	git clone --depth 1 --branch "$ODOO_SERIES" "$ODOO_UPSTREAM" "$ODOO_DEFAULT_PATH"
}

# Run Odoo with the project venv. A source tree is run through its odoo-bin
# (which puts the tree on sys.path); an installed package through `-m odoo`.
# TZ=UTC is what odoo-bin itself sets: Odoo requires the server in UTC.
odoo_run() {
	if [ -n "$ODOO_BIN" ]; then
		TZ=UTC "$KB_VENV/bin/python" "$ODOO_BIN" "$@"
	else
		TZ=UTC "$KB_VENV/bin/python" -m odoo "$@"
	fi
}

# PYTHONPATH that makes `import odoo` work in the venv (for pytest-odoo):
# the source tree itself when Odoo is not an installed package.
odoo_pythonpath() {
	if [ -n "$ODOO_BIN" ]; then
		printf '%s' "$ODOO_DIR${PYTHONPATH:+:$PYTHONPATH}"
	else
		printf '%s' "${PYTHONPATH:-}"
	fi
}

# ---------------------------------------------------------------------------
# System packages
# ---------------------------------------------------------------------------

APT_UPDATED=0
apt_install() {
	if [ "$APT_UPDATED" = 0 ]; then
		log "apt-get update"
		DEBIAN_FRONTEND=noninteractive apt-get update -qq
		APT_UPDATED=1
	fi
	log "apt-get install -y $*"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Install with apt-get when root, otherwise say exactly what is missing.
require_debs() {
	local why=$1
	shift
	[ $# -gt 0 ] || return 0
	if is_root && have apt-get; then
		apt_install "$@"
	else
		die "$why needs these system packages: $*
  install them with: sudo apt-get install -y $*"
	fi
}

# Headers and compilers needed to build psycopg2 and python-ldap from source
# (Odoo pins versions without wheels for every python).
ensure_build_deps() {
	local missing=() inc
	have gcc || missing+=(build-essential)
	have pg_config || missing+=(libpq-dev)
	[ -f /usr/include/ldap.h ] || missing+=(libldap2-dev)
	[ -f /usr/include/sasl/sasl.h ] || missing+=(libsasl2-dev)
	inc=$("$KB_PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
	[ -f "$inc/Python.h" ] || missing+=(python3-dev)
	require_debs "Building Odoo's Python requirements" "${missing[@]}"
}

# ---------------------------------------------------------------------------
# Project virtualenv
# ---------------------------------------------------------------------------

# ensure_venv [with-odoo]
# Creates $KB_VENV and installs requirements-dev.txt, plus Odoo's
# requirements.txt when Odoo is a source tree. A stamp (hash of the
# requirement files, Odoo path and python) skips pip when nothing changed.
ensure_venv() {
	local with_odoo=${1:-} reqs=("$KB_REPO/requirements-dev.txt") stamp_file stamp t0
	if [ "$with_odoo" = with-odoo ] && [ -n "$ODOO_BIN" ] && [ -f "$ODOO_DIR/requirements.txt" ]; then
		reqs+=("$ODOO_DIR/requirements.txt")
	fi
	stamp_file="$KB_VENV/.klachten-stamp"
	stamp=$(
		{
			cat "${reqs[@]}" "$KB_REPO/scripts/pip-constraints.txt" "$KB_REPO/requirements-peer.txt"
			echo "odoo=${ODOO_DIR:-none} system-site=$ODOO_SYSTEM_SITE"
			"$KB_PYTHON" -c 'import sys; print(sys.version)'
		} | sha256sum | cut -d' ' -f1
	)

	# A venv that must see a system-wide Odoo but cannot: recreate it.
	if [ "$ODOO_SYSTEM_SITE" = 1 ] && [ -f "$KB_VENV/pyvenv.cfg" ] &&
		grep -qi '^include-system-site-packages *= *false' "$KB_VENV/pyvenv.cfg"; then
		log "Recreating $KB_VENV with --system-site-packages (Odoo is installed system-wide)"
		rm -rf "$KB_VENV"
	fi
	if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] && [ -x "$KB_VENV/bin/python" ]; then
		log "venv $KB_VENV is up to date"
		return 0
	fi

	t0=$SECONDS
	if [ ! -x "$KB_VENV/bin/python" ]; then
		log "Creating venv $KB_VENV"
		if [ "$ODOO_SYSTEM_SITE" = 1 ]; then
			"$KB_PYTHON" -m venv --system-site-packages "$KB_VENV"
		else
			"$KB_PYTHON" -m venv "$KB_VENV" || die "cannot create a venv with $KB_PYTHON (Debian: apt-get install python3-venv)"
		fi
	fi
	if [ "${#reqs[@]}" -gt 1 ]; then ensure_build_deps; fi
	log "Installing into the venv: ${reqs[*]}"
	# cbor2==5.4.2 (pinned by Odoo) only builds with setuptools<81: constrain
	# the isolated build environments too (PIP_CONSTRAINT for pip<26,
	# PIP_BUILD_CONSTRAINT for pip>=26; each pip ignores the other one).
	local args=()
	for r in "${reqs[@]}"; do args+=(-r "$r"); done
	# (The grep drops the harmless "Location ... is ignored" noise of
	# extra local indexes that some pip configurations have.)
	# With pipefail the pipeline fails when pip does.
	if ! PIP_CONSTRAINT="$KB_REPO/scripts/pip-constraints.txt" \
		PIP_BUILD_CONSTRAINT="$KB_REPO/scripts/pip-constraints.txt" \
		"$KB_VENV/bin/python" -m pip install --quiet "${args[@]}" 2>&1 |
		{ grep -v "^WARNING: Location '.*' is ignored" || true; }; then
		die "pip install into $KB_VENV failed (see above)"
	fi
	# The benchmarks' peer: an Odoo addon whose only requirement is Odoo,
	# which the source tree provides (so no dependency resolution).
	if [ "${#reqs[@]}" -gt 1 ] && ! "$KB_VENV/bin/python" -m pip install --quiet --no-deps \
		-r "$KB_REPO/requirements-peer.txt" 2>&1 |
		{ grep -v "^WARNING: Location '.*' is ignored" || true; }; then
		die "pip install of requirements-peer.txt into $KB_VENV failed (see above)"
	fi
	echo "$stamp" >"$stamp_file"
	log "venv ready in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

# Make sure a local server accepts connections on the unix socket and that
# the current OS user has a LOGIN CREATEDB role (Odoo connects as that user).
ensure_postgres() {
	local me
	me=$(id -un)
	if ! have pg_isready || ! pg_isready -q; then
		if ! have pg_ctlcluster && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
			require_debs "Odoo" postgresql
		fi
		if ! pg_isready -q 2>/dev/null; then
			if ! is_root; then
				die "PostgreSQL is not running. Start it, e.g.: sudo pg_ctlcluster 15 main start  (or: sudo service postgresql start)"
			fi
			pg_start_clusters
		fi
		for _ in $(seq 1 30); do
			pg_isready -q && break
			sleep 1
		done
		pg_isready -q || die "PostgreSQL did not come up (see /var/log/postgresql/)"
	fi

	if ! psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
		if is_root && id postgres >/dev/null 2>&1; then
			log "Creating PostgreSQL role '$me' (LOGIN CREATEDB)"
			su postgres -c "psql -v ON_ERROR_STOP=1 -d postgres -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$me'\" | grep -q 1 || psql -v ON_ERROR_STOP=1 -d postgres -c 'CREATE ROLE \"$me\" LOGIN CREATEDB'" ||
				die "could not create the PostgreSQL role '$me'"
		else
			die "PostgreSQL role '$me' is missing. Create it with: sudo -u postgres createuser --createdb $me"
		fi
	fi
	log "PostgreSQL is ready (role $me)"
}

# Start (or create) the Debian clusters; fall back to the service script.
pg_start_clusters() {
	if have pg_lsclusters && have pg_ctlcluster; then
		local ver name status
		if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
			ver=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)
			log "No PostgreSQL cluster yet: pg_createcluster $ver main --start"
			pg_createcluster "$ver" main --start
			return
		fi
		while read -r ver name _ status _; do
			if [ "$status" != online ]; then
				log "Starting PostgreSQL cluster: pg_ctlcluster $ver $name start"
				pg_ctlcluster "$ver" "$name" start || warn "could not start cluster $ver/$name"
			fi
		done < <(pg_lsclusters -h)
	elif have service; then
		log "service postgresql start"
		service postgresql start
	else
		die "do not know how to start PostgreSQL on this machine; start it and rerun"
	fi
}

# A free TCP port on 127.0.0.1 for Odoo's HTTP server (tours need one).
free_port() {
	"$KB_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
