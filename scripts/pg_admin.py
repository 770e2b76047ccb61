"""Small database chores for the scripts, with Odoo's own psycopg2.

Usage: pg_admin.py exists|drop DB [--db_host H --db_port P --db_user U]
       pg_admin.py copy TEMPLATE DB [connection options]
"exists" exits 0 when DB exists, 1 otherwise.
"""

import sys

import psycopg2
from psycopg2 import sql


def main(argv):
    command, names, options = argv[1], [], {}
    rest = argv[2:]
    while rest:
        if rest[0].startswith("--"):
            options[rest[0][2:]] = rest[1]
            rest = rest[2:]
        else:
            names.append(rest.pop(0))
    conn = psycopg2.connect(
        dbname="postgres",
        host=options.get("db_host"),
        port=options.get("db_port"),
        user=options.get("db_user"),
        password=options.get("db_password"),
    )
    conn.autocommit = True
    cur = conn.cursor()
    if command == "exists":
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [names[0]])
        return 0 if cur.fetchone() else 1
    if command == "drop":
        cur.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(names[0])
            )
        )
        return 0
    if command == "copy":
        template, target = names
        cur.execute(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(target))
        )
        cur.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(target), sql.Identifier(template)
            )
        )
        return 0
    sys.exit(f"unknown command {command!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
