#!/usr/bin/env bash
# Usage: scripts/test.sh                  the whole suite, then each addon alone
#        scripts/test.sh ADDON ...        the named addons together (with their dependencies)
#        scripts/test.sh --each [ADDON ...]  each addon (all, or the named ones) alone
#
# The whole suite installs every addon under addons/ in one database (Luxembourg main
# company, no Odoo demo data) with --test-enable and runs our tests only (not Odoo's
# own), then the cross-addon checks under tests/ (when the demo seller,
# letzshop_oms_demo, is installed), then installs and tests each addon alone, in a
# database holding only the Odoo modules its manifest declares: an addon whose tests
# lean on a module it does not declare fails there. Each addon alone starts from a
# template database of Odoo's own modules, built once per distinct set of modules
# (scripts/addon_deps.py --plan), so that each costs seconds, not a fresh install.
# Lint runs first; with no argument the load-and-faults suite (scripts/load/run.sh
# --size small) runs last (OMS_LOAD=0 skips it).
# Fails on a failed or errored test, on any ERROR or CRITICAL log line and on lint
# errors. Prints one count line per addon alone; the last line reads "N passed, N failed".
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

MODE=together
if [ "${1:-}" = "--each" ]; then
    MODE=each
    shift
elif [ $# -eq 0 ]; then
    MODE=all
fi

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
DB=${OMS_TEST_DB:-oms_test_$$}
WORK=$(mktemp -d /tmp/oms-test.XXXXXX)
DATA="$WORK/data"
CREATED=()
cleanup() {
    local db
    for db in "${CREATED[@]}"; do drop_database "$db"; done
    rm -rf "$WORK"
    stop_postgres
}
trap cleanup EXIT

ODOO_ARGS=(-c "$ROOT/config/odoo.conf" --addons-path "$ROOT/addons" --data-dir "$DATA" "${DB_ARGS[@]}")
START=$(date +%s)
FAILED=0
TOTAL_PASS=0
TOTAL_FAIL=0

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

# new_database DB: an empty database with a Luxembourg main company.
new_database() {
    CREATED+=("$1")
    "$ODOO_BIN" db -c "$ROOT/config/odoo.conf" --addons-path "$ROOT/addons" -D "$DATA" "${DB_ARGS[@]}" \
        init --country lu --force "$1" >"$WORK/init-$1.log" 2>&1 \
        || { cat "$WORK/init-$1.log" >&2; die "could not create the database $1"; }
}

# copy_database FROM TO [FILESTORE_FROM]: TO as a copy of FROM, filestore included.
copy_database() {
    CREATED+=("$2")
    "$ODOO_PY" "$ROOT/scripts/pg_admin.py" copy "$1" "$2" "${DB_ARGS[@]}"
    local store=${3:-$DATA/filestore/$1}
    if [ -d "$store" ]; then
        mkdir -p "$DATA/filestore"
        rm -rf "$DATA/filestore/$2"
        cp -r "$store" "$DATA/filestore/$2"
    fi
}

# install_modules DB MODULES: Odoo's own modules, without tests (as OCA's CI does: a
# chart of accounts is loaded only once the registry is complete).
install_modules() {
    [ "$2" != "-" ] || return 0
    "$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$1" -i "$2" --stop-after-init >"$WORK/depends-$1.log" 2>&1 \
        || { tail -n 60 "$WORK/depends-$1.log" >&2; die "could not install $2 in $1"; }
    report_log_errors "$WORK/depends-$1.log" || die "installing $2 in $1 logged errors"
}

# test_addons DB ADDONS LOG: installs ADDONS (comma-separated) with their tests and sets
# RUN and FAIL from Odoo's summary; returns 1 on any failure or ERROR line.
test_addons() {
    local db=$1 addons=$2 log=$3 tags
    tags=$(printf '/%s,' ${addons//,/ }); tags=${tags%,}
    local port
    port=$(free_port)
    set +e
    "$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$db" -i "$addons" --test-enable --test-tags "$tags" \
        --http-interface 127.0.0.1 --http-port "$port" --stop-after-init >"$log" 2>&1
    set -e
    # Odoo's own summary: "N failed, N error(s) of N tests when loading database ..."
    local summary
    summary=$(grep -E "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database" "$log" | tail -n1 || true)
    if [[ "$summary" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        FAIL=$((BASH_REMATCH[1] + BASH_REMATCH[2]))
        RUN=${BASH_REMATCH[3]}
    else
        echo "Odoo printed no test summary for $addons: the install did not finish" >&2
        tail -n 40 "$log" >&2
        FAIL=1
        RUN=0
    fi
    local bad=0
    [ "$RUN" -gt 0 ] || { echo "no test ran for $addons" >&2; bad=1; }
    [ "$FAIL" -eq 0 ] || bad=1
    report_log_errors "$log" || { bad=1; [ "$FAIL" -gt 0 ] || FAIL=1; }
    return $bad
}

# Template databases of Odoo's own modules, one per distinct set that an addon (or the
# whole product) needs, each copied from the largest one it contains.
declare -A TEMPLATE_OF
build_templates() {
    local line kind name parent modules
    while read -r kind name parent modules; do
        if [ "$kind" = ADDON ]; then
            TEMPLATE_OF[$name]="${DB}_$parent"
            continue
        fi
        # A template line reads: T<n> <parent or -> <modules>
        modules=$parent; parent=$name; name=$kind
        echo "   template $name: ${modules//,/, }"
        if [ "$parent" = "-" ]; then
            new_database "${DB}_$name"
        else
            copy_database "${DB}_$parent" "${DB}_$name"
        fi
        install_modules "${DB}_$name" "$modules"
    done < <("$ODOO_PY" "$ROOT/scripts/addon_deps.py" --plan "$ROOT/addons" "$@")
}

echo "== lint"
if ! "$ROOT/scripts/lint.sh" "${LINT_ARGS[@]}"; then
    echo "lint: FAILED" >&2
    FAILED=1
fi

if [ "$MODE" = together ]; then
    echo "== database $DB (Luxembourg main company)"
    if [ -n "${OMS_TEMPLATE_DB:-}" ]; then
        # Fast local loop: copy a database already holding Odoo's own modules (and its
        # filestore, from OMS_TEMPLATE_DATA_DIR).
        copy_database "$OMS_TEMPLATE_DB" "$DB" "${OMS_TEMPLATE_DATA_DIR:-/nonexistent}/filestore/$OMS_TEMPLATE_DB"
    else
        new_database "$DB"
    fi
    DEPENDS=$("$ODOO_PY" "$ROOT/scripts/addon_deps.py" "$ROOT/addons" "${ADDONS[@]}")
    echo "== install Odoo's modules: $DEPENDS"
    install_modules "$DB" "$DEPENDS"
else
    echo "== template databases of Odoo's modules"
    build_templates "${ADDONS[@]}"
fi

LOG="$WORK/odoo.log"
if [ "$MODE" != each ]; then
    echo "== install and test: $ADDON_LIST"
    if [ "$MODE" = all ]; then
        # A copy of the template holding every Odoo module any addon needs.
        copy_database "${TEMPLATE_OF[@all]}" "$DB"
    fi
    test_addons "$DB" "$ADDON_LIST" "$LOG" || FAILED=1
    grep -E " (ERROR|CRITICAL|WARNING) |odoo\.tests\.stats" "$LOG" || true
    WARN_LINES=$(grep -cE "^[0-9-]+ [0-9:,]+ [0-9]+ WARNING " "$LOG" || true)
    [ "$WARN_LINES" -eq 0 ] || echo "note: $WARN_LINES WARNING line(s) in the Odoo log (see above)"
    echo "together: $((RUN - FAIL)) passed, $FAIL failed"
    TOTAL_PASS=$((TOTAL_PASS + RUN - FAIL))
    TOTAL_FAIL=$((TOTAL_FAIL + FAIL))

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
        TOTAL_PASS=$((TOTAL_PASS + P_PASS))
        TOTAL_FAIL=$((TOTAL_FAIL + P_FAIL))
    fi
    drop_database "$DB"
fi

if [ "$MODE" != together ]; then
    echo "== each addon alone, with only its declared dependencies"
    for a in "${ADDONS[@]}"; do
        copy_database "${TEMPLATE_OF[$a]}" "${DB}_$a"
        if test_addons "${DB}_$a" "$a" "$WORK/alone-$a.log"; then :; else
            FAILED=1
            grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|FAIL)" "$WORK/alone-$a.log" | head -n 20 >&2 || true
        fi
        echo "$a alone: $((RUN - FAIL)) passed, $FAIL failed"
        TOTAL_PASS=$((TOTAL_PASS + RUN - FAIL))
        TOTAL_FAIL=$((TOTAL_FAIL + FAIL))
        drop_database "${DB}_$a"
        rm -rf "$DATA/filestore/${DB}_$a"
    done
fi

if [ "$MODE" = all ] && [ "${OMS_LOAD:-1}" != 0 ]; then
    # The load-and-faults suite at its small size (about 3 minutes each), on this run's
    # PostgreSQL and template (scripts/load/run.sh); OMS_LOAD=0 skips it.
    LOAD_ENV=()
    if [ -n "$PG_TMP" ]; then
        # Our throwaway cluster, which the suite may restart, and the template of
        # every Odoo module: the suite then installs only its addons.
        LOAD_ENV=(PGHOST="$PG_TMP" PGPORT=5433 PGUSER=oms
            OMS_LOAD_PG_RESTART="$(printf '%q ' "${PG_STOP[@]:0:${#PG_STOP[@]}-1}" restart)"
            OMS_LOAD_TEMPLATE="${TEMPLATE_OF[@all]}"
            OMS_LOAD_TEMPLATE_FILESTORE="$DATA/filestore/${TEMPLATE_OF[@all]}")
    fi
    # Once on one multi-worker server, once scaled out (two web nodes behind
    # nginx, a job node), as docker-compose.scale.yml runs it.
    for TOPOLOGY in single scale; do
        if [ "$TOPOLOGY" = scale ] && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
            echo "load suite, scale-out: not run, nginx is not installed (.ci/run installs it)"
            continue
        fi
        echo "== load and faults (scripts/load/run.sh --size small --topology $TOPOLOGY)"
        set +e
        env "${LOAD_ENV[@]}" "$ROOT/scripts/load/run.sh" --size small --topology "$TOPOLOGY" \
            2>&1 | tee "$WORK/load-$TOPOLOGY.log"
        set -e
        LOAD=$(grep -E "^load suite: [0-9]+ checks passed, [0-9]+ failed" "$WORK/load-$TOPOLOGY.log" | tail -n1 || true)
        if [[ "$LOAD" =~ ([0-9]+)\ checks\ passed,\ ([0-9]+)\ failed ]]; then
            TOTAL_PASS=$((TOTAL_PASS + BASH_REMATCH[1]))
            TOTAL_FAIL=$((TOTAL_FAIL + BASH_REMATCH[2]))
        else
            echo "the load suite ($TOPOLOGY) printed no result" >&2
            TOTAL_FAIL=$((TOTAL_FAIL + 1))
        fi
    done
fi

[ "$TOTAL_FAIL" -eq 0 ] || FAILED=1
echo "== took $(( $(date +%s) - START )) s"
echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
exit "$FAILED"
