#!/usr/bin/env bash
# Usage: scripts/run.sh [--install-odoo] [--no-verify] [DB] [-- ODOO OPTIONS]
#        (default database: oms)
#
# Serves Letzshop OMS on http://localhost:8069 with the Odoo 19 found on PATH, or the
# one scripts/install_odoo.sh put into ./.venv. When there is neither, offers to install
# Odoo 19 Community into ./.venv (without asking: --install-odoo or OMS_INSTALL_ODOO=1;
# --no-verify is passed on to scripts/install_odoo.sh). Creates the database with a
# Luxembourg main company, every addon (letzshop_oms) and the demo seller
# (letzshop_oms_demo) when it does not exist yet. Uses PGHOST/PGPORT/PGUSER when set;
# otherwise a PostgreSQL cluster kept in ./data/postgres. Prints the address and the
# logins once the server answers. Extra Odoo options can follow after "--".
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
INSTALL=${OMS_INSTALL_ODOO:-0}
INSTALL_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --install-odoo) INSTALL=1 ;;
        --no-verify) INSTALL_ARGS+=(--no-verify) ;;
        *) break ;;
    esac
    shift
done
DB=${1:-oms}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift

if [ -z "${ODOO_BIN:-}" ] && ! command -v odoo >/dev/null && ! local_odoo >/dev/null; then
    if [ "$INSTALL" != 1 ]; then
        echo "Odoo 19 is not installed here ('odoo' is not on PATH, nothing in ./.venv)."
        if [ -t 0 ]; then
            read -r -p "Install Odoo 19 Community into ./.venv? [y/N] " answer
            case "$answer" in [yY]*) INSTALL=1 ;; esac
        fi
        [ "$INSTALL" = 1 ] \
            || die "Odoo 19 is missing: run scripts/run.sh --install-odoo (or scripts/install_odoo.sh), or put Odoo 19's 'odoo' on PATH; see README.md 'Without Docker'"
    fi
    "$ROOT/scripts/install_odoo.sh" "${INSTALL_ARGS[@]}"
fi
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
# The port Odoo will listen on: ours, unless the extra options give another.
PORT=8069
PREV=""
for opt in "$@"; do
    case "$opt" in --http-port=*|-p=*) PORT=${opt#*=} ;; esac
    case "$PREV" in --http-port|-p) PORT=$opt ;; esac
    PREV=$opt
done
echo "Starting Letzshop OMS (database '$DB'); the address and logins follow once it answers..."
serve_with_banner "http://localhost:$PORT/web/login" "$DB" -- \
    "$ODOO_BIN" "${ARGS[@]}" -d "$DB" --db-filter "^$DB\$" --http-interface 0.0.0.0 --http-port 8069 "$@"
