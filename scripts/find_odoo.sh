#!/usr/bin/env bash
# Report which Odoo 18.0 the scripts would use (and how it was found).
# Usage: scripts/find_odoo.sh [test|demo]
#   test (default): never fetches; prints the SKIPPED line and exits 3 if none.
#   demo: clones Odoo upstream if the internet is reachable, else explains how to get it.
# Exit codes: 0 found, 1 none (demo), 2 ODOO_PATH is wrong, 3 none (test).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

mode=${1:-test}
if ! find_odoo "$mode"; then
	echo "$KB_SKIP_LINE"
	exit 3
fi
echo "ODOO_DIR=$ODOO_DIR"
echo "ODOO_BIN=$ODOO_BIN"
echo "ODOO_ADDONS_DIR=$ODOO_ADDONS_DIR"
echo "ODOO_FOUND_BY=$ODOO_FOUND_BY"
