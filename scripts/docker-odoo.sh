#!/usr/bin/env bash
# Entry point of the docker-compose services (official odoo:19.0 image).
#   serve: create the demo database "oms" on first start, then serve on :8069
#   init:  create the demo database "oms" when missing, then exit
#   node:  wait for the database, then serve it with the Odoo options that follow
#          (docker-compose.scale.yml: web nodes, the job node)
#   test:  run scripts/test.sh against the compose PostgreSQL
set -euo pipefail
SRC=/mnt/letzshop-oms
# Odoo comes from Debian's package in this image, so pip does not know it: install
# queue_job without its dependency on the "odoo" distribution.
grep -v '^odoo-addon-' "$SRC/requirements.txt" >/tmp/requirements.txt
pip3 install --quiet --break-system-packages -r /tmp/requirements.txt -r "$SRC/requirements-dev.txt"
grep '^odoo-addon-' "$SRC/requirements.txt" | xargs pip3 install --quiet --break-system-packages --no-deps

case "${1:-serve}" in
    test)
        # The tree is mounted read-only: test from a copy.
        cp -r "$SRC" /tmp/letzshop-oms
        cd /tmp/letzshop-oms
        git config --global --add safe.directory '*' 2>/dev/null || true
        exec runuser -u odoo -- env PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" \
            PGPASSWORD="$PGPASSWORD" PATH="$PATH" HOME=/tmp scripts/test.sh
        ;;
    serve | init | node)
        DB_ARGS=(--db_host "$PGHOST" --db_port "$PGPORT" --db_user "$PGUSER" --db_password "$PGPASSWORD")
        ARGS=(-c "$SRC/config/odoo.conf" --addons-path "$SRC/addons" -D /var/lib/odoo "${DB_ARGS[@]}")
        chown -R odoo /var/lib/odoo
        exists() {
            PGPASSWORD="$PGPASSWORD" psql -h "$PGHOST" -U "$PGUSER" -d postgres -tAc \
                "SELECT 1 FROM pg_database WHERE datname = '$OMS_DB'" | grep -q 1
        }
        if [ "$1" = node ]; then
            # Scale-out node: the "init" service creates the database; serve it
            # with the options the compose file gives (workers, --load, ...).
            until exists; do sleep 2; done
            shift
            exec runuser -u odoo -- odoo "${ARGS[@]}" -d "$OMS_DB" --db-filter "^$OMS_DB\$" \
                --http-interface 0.0.0.0 --http-port 8069 "$@"
        fi
        if ! exists; then
            runuser -u odoo -- odoo db "${ARGS[@]}" init --country lu "$OMS_DB"
            DEPENDS=$(python3 "$SRC/scripts/addon_deps.py" "$SRC/addons" letzshop_oms_demo)
            runuser -u odoo -- odoo "${ARGS[@]}" -d "$OMS_DB" -i "$DEPENDS" --stop-after-init
            runuser -u odoo -- odoo "${ARGS[@]}" -d "$OMS_DB" -i letzshop_oms_demo --stop-after-init
        fi
        [ "$1" = serve ] || exit 0
        exec runuser -u odoo -- odoo "${ARGS[@]}" -d "$OMS_DB" --db-filter "^$OMS_DB\$" \
            --http-interface 0.0.0.0 --http-port 8069
        ;;
    *)
        echo "usage: docker-odoo.sh serve|init|node [odoo options]|test" >&2
        exit 2
        ;;
esac
