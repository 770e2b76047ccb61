# shellcheck shell=bash
# Shared helpers for scripts/run.sh and scripts/test.sh: find Odoo 19 and its Python,
# install the project's requirements into it, and start a throwaway PostgreSQL.
# Sourced, never executed.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
    echo "$(basename "$0"): $*" >&2
    exit 2
}

# Prints the Odoo that scripts/install_odoo.sh installed into ./.venv, if it finished.
local_odoo() {
    [ -f "$ROOT/.venv/.oms-odoo-installed" ] && [ -x "$ROOT/.venv/bin/odoo" ] || return 1
    echo "$ROOT/.venv/bin/odoo"
}

# Sets ODOO_BIN and ODOO_PY (the Python interpreter Odoo runs with): $ODOO_BIN, else
# 'odoo' on PATH, else the one scripts/install_odoo.sh installed into ./.venv.
find_odoo() {
    ODOO_BIN=${ODOO_BIN:-$(command -v odoo || local_odoo || true)}
    [ -n "$ODOO_BIN" ] && [ -x "$ODOO_BIN" ] \
        || die "Odoo 19 is missing: run scripts/install_odoo.sh (Odoo 19 Community into ./.venv), or put Odoo 19's 'odoo' on PATH (or set ODOO_BIN), see README.md 'Without Docker'"
    local shebang interp
    shebang=$(head -n1 "$ODOO_BIN")
    case "$shebang" in
        "#!"*env\ *) interp=$(command -v "${shebang##* }") ;;
        "#!"*) interp=${shebang#\#!} ; interp=${interp%% *} ;;
        *) interp=$(command -v python3) ;;
    esac
    ODOO_PY=${ODOO_PY:-$interp}
    local major
    major=$("$ODOO_PY" -c 'from odoo import release; print(release.version_info[0])' 2>/dev/null || true)
    [ "$major" = "19" ] \
        || die "Odoo 19 is missing: '$ODOO_BIN' (Python $ODOO_PY) is not Odoo 19 (found '${major:-none}'), see README.md 'Without Docker'"
    export ODOO_BIN ODOO_PY
}

# Installs requirements.txt (and requirements-dev.txt when $1 = dev) into Odoo's Python
# when something is missing or too old.
ensure_requirements() {
    local files=("$ROOT/requirements.txt")
    if [ "${1:-}" = "dev" ]; then files+=("$ROOT/requirements-dev.txt"); fi
    if ! "$ODOO_PY" "$ROOT/scripts/check_requirements.py" "${files[@]}"; then
        echo "Installing the project's Python requirements into $ODOO_PY"
        local args=()
        for f in "${files[@]}"; do args+=(-r "$f"); done
        "$ODOO_PY" -m pip install --quiet --disable-pip-version-check "${args[@]}" \
            || die "could not install ${files[*]} into $ODOO_PY"
    fi
}

# Prints the directory of PostgreSQL's server programs (initdb, pg_ctl), or nothing.
find_pg_bindir() {
    local bindir
    bindir=$(pg_config --bindir 2>/dev/null || true)
    # shellcheck disable=SC2012  # version-sorted glob
    [ -x "$bindir/initdb" ] || bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n1)")
    if [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ]; then echo "$bindir"; fi
}

# Returns 0 when a PostgreSQL server accepts connections at PGHOST/PGPORT (a socket
# directory or a host name), checked with Python $1 (default python3).
postgres_answers() {
    "${1:-python3}" - "$PGHOST" "${PGPORT:-5432}" <<'PY'
import os, socket, sys
host, port = sys.argv[1], int(sys.argv[2])
try:
    if host.startswith("/"):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(5)
        s.connect(os.path.join(host, ".s.PGSQL.%d" % port))
    else:
        s = socket.create_connection((host, port), timeout=5)
except OSError:
    sys.exit(1)
s.close()
PY
}

# Uses PGHOST/PGPORT/PGUSER when set; otherwise starts a throwaway cluster in a
# temporary directory (removed on exit), or, with a directory argument, a cluster kept
# in that directory (stopped on exit, kept for the next run). Sets DB_ARGS for Odoo.
PG_TMP=""
PG_KEEP=""
start_postgres() {
    if [ -n "${PGHOST:-}" ]; then
        DB_ARGS=(--db_host "$PGHOST" --db_port "${PGPORT:-5432}" --db_user "${PGUSER:-odoo}")
        if [ -n "${PGPASSWORD:-}" ]; then DB_ARGS+=(--db_password "$PGPASSWORD"); fi
        return 0
    fi
    local bindir
    bindir=$(find_pg_bindir)
    [ -n "$bindir" ] || die "PostgreSQL is missing: install it (Debian: apt-get install postgresql) or set PGHOST/PGPORT/PGUSER"
    if [ -n "${1:-}" ]; then
        PG_KEEP=1
        PG_TMP=$1
        mkdir -p "$PG_TMP"
    else
        PG_TMP=$(mktemp -d /tmp/oms-pg.XXXXXX)
    fi
    chmod 755 "$PG_TMP"
    local port=5433 as=()
    if [ "$(id -u)" = 0 ]; then
        # PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
        id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PG_TMP" postgres
        chown postgres "$PG_TMP"
        as=(runuser -u postgres --)
    fi
    local fresh=""
    if [ ! -f "$PG_TMP/data/PG_VERSION" ]; then
        fresh=1
        "${as[@]}" "$bindir/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C >"$PG_TMP/initdb.log" 2>&1 \
            || { cat "$PG_TMP/initdb.log" >&2; die "initdb failed"; }
    fi
    "${as[@]}" "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" -w \
        -o "-k $PG_TMP -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
        || { cat "$PG_TMP/postgres.log" >&2; die "PostgreSQL did not start"; }
    PG_STOP=("${as[@]}" "$bindir/pg_ctl" -D "$PG_TMP/data" -m fast stop)
    # Odoo refuses the 'postgres' role: run it as a dedicated superuser role.
    if [ -n "$fresh" ]; then
        "$bindir/psql" -h "$PG_TMP" -p "$port" -U postgres -qc "CREATE ROLE oms SUPERUSER LOGIN" postgres >/dev/null
    fi
    DB_ARGS=(--db_host "$PG_TMP" --db_port "$port" --db_user oms)
    trap stop_postgres EXIT
}

stop_postgres() {
    if [ -n "$PG_TMP" ]; then
        "${PG_STOP[@]}" >/dev/null 2>&1 || true
        [ -n "$PG_KEEP" ] || rm -rf "$PG_TMP"
    fi
}

# Drops database $1 when it lives on a PostgreSQL we did not start (a throwaway
# cluster goes away whole), so that nothing is left behind.
drop_database() {
    [ -z "$PG_TMP" ] || return 0
    "$ODOO_PY" "$ROOT/scripts/pg_admin.py" drop "$1" "${DB_ARGS[@]}" >/dev/null 2>&1 || true
}

# Prints a free TCP port on 127.0.0.1.
free_port() {
    "$ODOO_PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# All addons of this project, in directory order.
all_addons() {
    local d
    for d in "$ROOT"/addons/*/__manifest__.py; do basename "$(dirname "$d")"; done
}

# Returns 0 once URL $1 answers with an HTTP status below 400, 1 after $2 seconds
# (default 300) or as soon as process $3 (when given) is gone.
wait_for_http() {
    local url=$1 deadline=$((SECONDS + ${2:-300})) watch=${3:-} code
    while [ "$SECONDS" -lt "$deadline" ]; do
        if [ -n "$watch" ] && ! kill -0 "$watch" 2>/dev/null; then return 1; fi
        if command -v curl >/dev/null; then
            code=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$url" || true)
        else
            code=$(python3 -c 'import sys, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=5).status)
except Exception as e:
    print(getattr(e, "code", 0))' "$url")
        fi
        if [ "${code:-0}" -ge 200 ] 2>/dev/null && [ "$code" -lt 400 ]; then return 0; fi
        sleep 1
    done
    return 1
}

# Prints "login / password" for each user of the demo seller (letzshop_oms_demo).
demo_logins() {
    awk -F'[<>]' '/<field name="login">/ { login = $3 }
        /<field name="password">/ && login != "" { print login " / " $3; login = "" }' \
        "$ROOT/addons/letzshop_oms_demo/data/letzshop_oms_demo.xml"
}

# serve_with_banner URL DB -- COMMAND...: runs COMMAND (the server) in the foreground
# and prints where to log in, once, when URL first answers; nothing when the server
# stops before that. Returns COMMAND's status.
serve_with_banner() {
    local url=$1 db=$2 rc=0 watcher
    shift 3
    (
        if wait_for_http "$url" "${OMS_BANNER_TIMEOUT:-600}" "$$"; then
            echo
            echo "Letzshop OMS is ready: ${url%/web/login} (database '$db')"
            echo "  admin / admin (administrator)"
            demo_logins | sed 's/^/  /'
            echo
        fi
    ) &
    watcher=$!
    "$@" || rc=$?
    kill "$watcher" 2>/dev/null || true
    wait "$watcher" 2>/dev/null || true
    return "$rc"
}
