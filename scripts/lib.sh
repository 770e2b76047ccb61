# shellcheck shell=bash
# Shared helpers for scripts/run.sh and scripts/test.sh: find Odoo 19 and its Python,
# install the project's requirements into it, and start a throwaway PostgreSQL.
# Sourced, never executed.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
    echo "$(basename "$0"): $*" >&2
    exit 2
}

# Sets ODOO_BIN and ODOO_PY (the Python interpreter Odoo runs with).
find_odoo() {
    ODOO_BIN=${ODOO_BIN:-$(command -v odoo || true)}
    [ -n "$ODOO_BIN" ] && [ -x "$ODOO_BIN" ] \
        || die "Odoo 19 is missing: install Odoo 19 Community so that 'odoo' is on PATH (or set ODOO_BIN), see README.md 'Without Docker'"
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
    bindir=$(pg_config --bindir 2>/dev/null || true)
    [ -x "$bindir/initdb" ] || bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n1)")
    [ -x "$bindir/initdb" ] || die "PostgreSQL is missing: install it (Debian: apt-get install postgresql) or set PGHOST/PGPORT/PGUSER"
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
