#!/usr/bin/env bash
# Usage: scripts/run.sh [DB]   (default database: oms)
#
# Serves Letzshop OMS on http://localhost:8069 with the Odoo 19 found on PATH. Creates
# the database with a Luxembourg main company, every addon (letzshop_oms) and the demo
# seller (letzshop_oms_demo) when it does not exist yet. Uses PGHOST/PGPORT/PGUSER when
# set; otherwise a PostgreSQL cluster kept in ./data/postgres. Extra Odoo options can
# follow after "--".
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
DB=${1:-oms}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
find_odoo
ensure_requirements
start_postgres "$ROOT/data/postgres"
ARGS=(-c "$ROOT/config/odoo.conf" --addons-path "$ROOT/addons" -D "$ROOT/data/odoo" "${DB_ARGS[@]}")

if ! "$ODOO_PY" "$ROOT/scripts/pg_admin.py" exists "$DB" "${DB_ARGS[@]}"
then
    echo "Creating the demo database '$DB' (Luxembourg company, every addon, demo seller)..."
    "$ODOO_BIN" db "${ARGS[@]}" init --country lu "$DB"
    # Odoo's own modules first: the Luxembourg chart of accounts is loaded only once
    # the registry is complete, and the demo seller's products use its taxes.
    DEPENDS=$("$ODOO_PY" "$ROOT/scripts/addon_deps.py" "$ROOT/addons" letzshop_oms_demo)
    "$ODOO_BIN" "${ARGS[@]}" -d "$DB" -i "$DEPENDS" --stop-after-init --log-level=warn
    "$ODOO_BIN" "${ARGS[@]}" -d "$DB" -i letzshop_oms_demo --stop-after-init --log-level=warn
fi
echo "Letzshop OMS on http://localhost:8069 (database '$DB', login admin / admin)"
"$ODOO_BIN" "${ARGS[@]}" -d "$DB" --db-filter "^$DB\$" --http-interface 0.0.0.0 --http-port 8069 "$@"
