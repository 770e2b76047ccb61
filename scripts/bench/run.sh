#!/usr/bin/env bash
# Usage: scripts/bench/run.sh ADDON BENCH.py [--keep]
#
# Creates a throwaway database (or uses PGHOST/PGPORT/PGUSER), installs ADDON without
# tests, then runs scripts/bench/BENCH.py inside `odoo shell`, where `env` is an Odoo
# environment. The benchmark prints its own figures; its data is rolled back.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
[ $# -ge 2 ] || die "usage: scripts/bench/run.sh ADDON BENCH.py"
ADDON=$1
BENCH=$2
[ -f "scripts/bench/$BENCH" ] || BENCH=$(basename "$BENCH")
[ -f "scripts/bench/$BENCH" ] || die "no benchmark scripts/bench/$2"
find_odoo
ensure_requirements
start_postgres
DB=${OMS_BENCH_DB:-oms_bench_$$}
WORK=$(mktemp -d /tmp/oms-bench.XXXXXX)
cleanup() { drop_database "$DB"; rm -rf "$WORK"; stop_postgres; }
trap cleanup EXIT
ARGS=(-c "$ROOT/config/odoo.conf" --addons-path "$ROOT/addons" -D "$WORK/data" "${DB_ARGS[@]}")
echo "== database $DB with $ADDON"
"$ODOO_BIN" db "${ARGS[@]}" init --country lu --force "$DB" >"$WORK/init.log" 2>&1 \
    || { cat "$WORK/init.log" >&2; die "could not create $DB"; }
"$ODOO_BIN" "${ARGS[@]}" -d "$DB" -i "$ADDON" --stop-after-init --log-level=warn >"$WORK/install.log" 2>&1 \
    || { tail -n 40 "$WORK/install.log" >&2; die "could not install $ADDON"; }
echo "== $BENCH"
"$ODOO_BIN" shell "${ARGS[@]}" -d "$DB" --no-http --log-level=warn <"scripts/bench/$BENCH"
