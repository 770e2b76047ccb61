#!/usr/bin/env bash
# Usage: scripts/test.sh [ADDON ...]
#
# Creates a fresh database (Luxembourg main company, no Odoo demo data), installs every
# addon under addons/ (or the ones named, with their dependencies) with --test-enable,
# runs our tests only (not Odoo's own), the cross-addon checks under tests/ (when the
# demo seller, letzshop_oms_demo, is installed) and lint.
# Fails on a failed or errored test, on any ERROR or CRITICAL log line and on lint
# errors. The last line reads "N passed, N failed".
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

find_odoo
ensure_requirements dev
start_postgres

if [ $# -gt 0 ]; then
    ADDONS=("$@")
    for a in "${ADDONS[@]}"; do
        [ -f "addons/$a/__manifest__.py" ] || die "no addon '$a' under addons/"
    done
else
    mapfile -t ADDONS < <(all_addons)
fi
# Lint the named addons only, or the whole tree.
LINT_ARGS=("$@")
ADDON_LIST=$(IFS=,; echo "${ADDONS[*]}")
TAGS=$(printf '/%s,' "${ADDONS[@]}"); TAGS=${TAGS%,}
DB=${OMS_TEST_DB:-oms_test_$$}
WORK=$(mktemp -d /tmp/oms-test.XXXXXX)
LOG="$WORK/odoo.log"
cleanup() { drop_database "$DB"; rm -rf "$WORK"; stop_postgres; }

# Prints each ERROR/CRITICAL line of an Odoo log with the traceback that follows it;
# returns 1 when there is any.
report_log_errors() {
    local count
    count=$(grep -cE "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$1" || true)
    [ "$count" -gt 0 ] || return 0
    echo "== $count ERROR/CRITICAL line(s) in $(basename "$1"):" >&2
    awk '/^[0-9-]+ [0-9:,]+ [0-9]+ [A-Z]+ / { show = ($4 == "ERROR" || $4 == "CRITICAL") }
         show' "$1" | head -n 400 >&2
    return 1
}
trap cleanup EXIT

ODOO_ARGS=(-c "$ROOT/config/odoo.conf" --addons-path "$ROOT/addons" --data-dir "$WORK/data" "${DB_ARGS[@]}")
START=$(date +%s)
FAILED=0

echo "== lint"
if ! "$ROOT/scripts/lint.sh" "${LINT_ARGS[@]}"; then
    echo "lint: FAILED" >&2
    FAILED=1
fi

echo "== database $DB (Luxembourg main company)"
if [ -n "${OMS_TEMPLATE_DB:-}" ]; then
    # Fast local loop: copy a database already holding Odoo's own modules (and its
    # filestore, from OMS_TEMPLATE_DATA_DIR).
    "$ODOO_PY" "$ROOT/scripts/pg_admin.py" copy "$OMS_TEMPLATE_DB" "$DB" "${DB_ARGS[@]}"
    if [ -n "${OMS_TEMPLATE_DATA_DIR:-}" ] && [ -d "$OMS_TEMPLATE_DATA_DIR/filestore/$OMS_TEMPLATE_DB" ]; then
        mkdir -p "$WORK/data/filestore"
        cp -r "$OMS_TEMPLATE_DATA_DIR/filestore/$OMS_TEMPLATE_DB" "$WORK/data/filestore/$DB"
    fi
else
"$ODOO_BIN" db -c "$ROOT/config/odoo.conf" --addons-path "$ROOT/addons" -D "$WORK/data" "${DB_ARGS[@]}" \
    init --country lu --force "$DB" >"$WORK/init.log" 2>&1 \
    || { cat "$WORK/init.log" >&2; die "could not create the database $DB"; }
fi

# Odoo's own modules first, without tests (as OCA's CI does): a chart of accounts is
# loaded only once the registry is complete, and our addons may rely on it.
DEPENDS=$("$ODOO_PY" "$ROOT/scripts/addon_deps.py" "$ROOT/addons" "${ADDONS[@]}")
echo "== install Odoo's modules: $DEPENDS"
"$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$DB" -i "$DEPENDS" --stop-after-init >"$WORK/depends.log" 2>&1 \
    || { tail -n 60 "$WORK/depends.log" >&2; die "could not install $DEPENDS"; }
report_log_errors "$WORK/depends.log" || die "installing Odoo's modules logged errors"

echo "== install and test: $ADDON_LIST"
HTTP_PORT=$(free_port)
set +e
"$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$DB" -i "$ADDON_LIST" --test-enable --test-tags "$TAGS" \
    --http-interface 127.0.0.1 --http-port "$HTTP_PORT" --stop-after-init 2>&1 | tee "$LOG" \
    | grep --line-buffered -E " (ERROR|CRITICAL|WARNING) |odoo\.tests\.(result|stats)|Starting |odoo\.modules\.loading: loading [0-9]+ modules"
set -e

# Odoo's own summary: "N failed, N error(s) of N tests when loading database ..."
SUMMARY=$(grep -E "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database" "$LOG" | tail -n1 || true)
if [[ "$SUMMARY" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
    T_FAIL=$((BASH_REMATCH[1] + BASH_REMATCH[2]))
    T_RUN=${BASH_REMATCH[3]}
else
    echo "Odoo printed no test summary: the install did not finish" >&2
    T_FAIL=1
    T_RUN=0
fi
T_PASS=$((T_RUN - T_FAIL))
[ "$T_RUN" -gt 0 ] || { echo "no test ran" >&2; FAILED=1; }

report_log_errors "$LOG" || FAILED=1
WARN_LINES=$(grep -cE "^[0-9-]+ [0-9:,]+ [0-9]+ WARNING " "$LOG" || true)
[ "$WARN_LINES" -eq 0 ] || echo "note: $WARN_LINES WARNING line(s) in the Odoo log (see above)"

# Cross-addon checks (XML-RPC, end-to-end) against the installed database, when it
# holds the whole product and the demo seller.
if [ -d "$ROOT/tests" ] && [[ ",$ADDON_LIST," == *",letzshop_oms_demo,"* ]]; then
    echo "== cross-addon tests (tests/) against a running server"
    PORT=$(free_port)
    "$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$DB" --db-filter "^$DB\$" --http-interface 127.0.0.1 \
        --http-port "$PORT" --workers 0 --max-cron-threads 0 >"$WORK/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 60); do
        curl -sf "http://127.0.0.1:$PORT/web/health" >/dev/null 2>&1 && break
        sleep 1
    done
    set +e
    OMS_URL="http://127.0.0.1:$PORT" OMS_DB="$DB" OMS_USER=admin OMS_PASSWORD=admin \
        "$ODOO_PY" -m pytest -q -p no:cacheprovider -p no:odoo "$ROOT/tests" 2>&1 | tee "$WORK/pytest.log"
    set -e
    kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true
    PY_SUMMARY=$(grep -E "(passed|failed|error|no tests ran)" "$WORK/pytest.log" | tail -n1 || true)
    P_PASS=$(grep -oE "[0-9]+ passed" <<<"$PY_SUMMARY" | grep -oE "[0-9]+" || echo 0)
    P_FAIL=$(( $(grep -oE "[0-9]+ failed" <<<"$PY_SUMMARY" | grep -oE "[0-9]+" || echo 0) \
        + $(grep -oE "[0-9]+ error" <<<"$PY_SUMMARY" | grep -oE "[0-9]+" || echo 0) ))
    [ "$P_PASS" -gt 0 ] || P_FAIL=$((P_FAIL + 1))
    T_PASS=$((T_PASS + P_PASS))
    T_FAIL=$((T_FAIL + P_FAIL))
fi

[ "$T_FAIL" -eq 0 ] || FAILED=1
echo "== took $(( $(date +%s) - START )) s"
echo "$T_PASS passed, $T_FAIL failed"
exit "$FAILED"
