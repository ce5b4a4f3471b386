#!/usr/bin/env bash
# Create or update the project venv (with Odoo's requirements when Odoo 18 is found).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

if find_odoo test; then
	ensure_venv with-odoo
else
	warn "no Odoo $ODOO_SERIES found: the venv gets the developer tools only"
	ensure_venv
fi
