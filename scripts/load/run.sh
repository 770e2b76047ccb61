#!/usr/bin/env bash
# Usage: scripts/load/run.sh [--size small|full] [--seconds N] [--keep-logs DIR]
#                            [--topology single|scale]
#                            [--keep DIR]   (developer loop: install once, keep it)
#
# The load-and-faults suite: starts its own PostgreSQL (so that it may restart it),
# creates a database with the connector, the scan view and invoicing on delivery,
# serves it with Odoo's multi-worker server (--workers 4, cron, queue_job's runner),
# two fake Letzshop accounts, and drives it for a bounded time, on 127.0.0.1 only:
# imports, phones scanning and validating deliveries, XML-RPC clients, invoicing and
# tracking jobs, while it kills an Odoo worker, makes Letzshop answer 429/500/
# timeouts/malformed JSON and restarts PostgreSQL. Then it checks that nothing was
# lost nor done twice, prints latencies and throughput, stops and cleans up.
# --topology scale serves it as docker-compose.scale.yml does, without Docker: two
# web nodes behind nginx (config/nginx-scale.conf) and a job node.
# Exit status 0 when every check holds. "small" (CI) takes about 3 minutes.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
find_odoo
ensure_requirements dev
# Our own cluster, whatever PGHOST says: the suite restarts it. With --keep DIR
# (developer loop) the cluster and an installed base database stay in DIR.
# scripts/test.sh instead hands over the throwaway cluster it started (PGHOST and
# OMS_LOAD_PG_RESTART) and a template database of Odoo's modules
# (OMS_LOAD_TEMPLATE, OMS_LOAD_TEMPLATE_FILESTORE), which saves the install.
HANDED=""
if [ -n "${OMS_LOAD_PG_RESTART:-}" ] && [ -n "${PGHOST:-}" ]; then
    HANDED=1
else
    unset PGHOST PGPORT PGUSER PGPASSWORD OMS_LOAD_TEMPLATE OMS_LOAD_TEMPLATE_FILESTORE
fi
ARGS=()
KEEP=""
while [ $# -gt 0 ]; do
    case "$1" in
        --keep) KEEP=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
        *) ARGS+=("$1"); shift ;;
    esac
done
if [ -n "$HANDED" ]; then
    start_postgres
    export OMS_LOAD_PG_HOST=$PGHOST
else
    if [ -n "$KEEP" ]; then
        export OMS_LOAD_KEEP=$KEEP
        start_postgres "$KEEP/postgres"
    else
        start_postgres
    fi
    # pg_ctl restart reuses the options of the start (postmaster.opts).
    OMS_LOAD_PG_RESTART=$(printf '%q ' "${PG_STOP[@]:0:${#PG_STOP[@]}-1}" restart)
    export OMS_LOAD_PG_RESTART
    export OMS_LOAD_PG_HOST=$PG_TMP
fi
exec_status=0
"$ODOO_PY" "$ROOT/scripts/load/load_suite.py" --root "$ROOT" --odoo-bin "$ODOO_BIN" \
    --db-args "${DB_ARGS[*]}" "${ARGS[@]}" || exec_status=$?
exit $exec_status
