#!/usr/bin/env python3
"""Integrator example: a Letzshop account, an import, the imported orders, over
XML-RPC only.

    python scripts/letzshop_fake_server.py &   # or a real key
    python3 scripts/letzshop_connector_xmlrpc_example.py \\
        --url http://localhost:8069 --db mydb --user admin --password admin \\
        --endpoint http://127.0.0.1:8765/graphql --key demo-key

The user must be a sales manager (the OMS Vendor role) to create the account and set
its key through the write-only field ``api_key_input``; only system administrators
can read the key back. The endpoint must be https; the local fake server's
http://127.0.0.1 address is accepted only once a system administrator has set the
system parameter ``letzshop_connector.test_mode`` to 1. Imports run as queue_job
jobs: Odoo must run with the job runner (server_wide_modules = base,web,queue_job,
as in config/odoo.conf).
"""

import argparse
import time
import xmlrpc.client


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--endpoint", default="http://127.0.0.1:8765/graphql")
    parser.add_argument("--key", default="demo-key")
    args = parser.parse_args()

    common = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/common")
    uid = common.authenticate(args.db, args.user, args.password, {})
    models = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *params, **kw):
        return models.execute_kw(
            args.db, uid, args.password, model, method, list(params), kw
        )

    # 1. the account (found by name, or created)
    found = call("letzshop.account", "search", [("name", "=", "XML-RPC demo shop")])
    account_id = (
        found[0]
        if found
        else call(
            "letzshop.account",
            "create",
            {
                "name": "XML-RPC demo shop",
                "endpoint": args.endpoint,
                "api_key_input": args.key,
                "prices_include_vat": True,
            },
        )
    )
    # 2. check the connection (authentication + schema introspection)
    call("letzshop.account", "action_test_connection", [account_id])
    account = call("letzshop.account", "read", [account_id], ["state"])[0]
    print("connection:", account["state"])
    # 3. queue an import and wait for its log line
    call("letzshop.account", "action_sync_now", [account_id])
    for _attempt in range(30):
        logs = call(
            "letzshop.sync.log",
            "search_read",
            [("account_id", "=", account_id), ("operation", "=", "import")],
            fields=["display_name", "imported", "failed", "message"],
            limit=1,
        )
        if logs:
            print("last import:", logs[0]["display_name"])
            break
        time.sleep(2)
    # 4. the imported orders
    orders = call(
        "sale.order",
        "search_read",
        [("letzshop_account_id", "=", account_id)],
        fields=[
            "name",
            "client_order_ref",
            "partner_id",
            "amount_total",
            "state",
            "letzshop_needs_attention",
        ],
        order="id desc",
        limit=20,
    )
    for order in orders:
        print(order)


if __name__ == "__main__":
    main()
