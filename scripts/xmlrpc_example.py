#!/usr/bin/env python3
"""Letzshop OMS over XML-RPC: what an integrator does first.

Usage: python3 scripts/xmlrpc_example.py [URL] [DB] [LOGIN] [PASSWORD]
(defaults: http://localhost:8069 oms admin admin, or $OMS_URL $OMS_DB $OMS_USER
$OMS_PASSWORD). Only the Python standard library is needed.
"""

import os
import sys
import xmlrpc.client


def main(argv):
    url = (
        argv[1] if len(argv) > 1 else os.environ.get("OMS_URL", "http://localhost:8069")
    )
    db = argv[2] if len(argv) > 2 else os.environ.get("OMS_DB", "oms")
    login = argv[3] if len(argv) > 3 else os.environ.get("OMS_USER", "admin")
    password = argv[4] if len(argv) > 4 else os.environ.get("OMS_PASSWORD", "admin")

    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        sys.exit(f"login refused for {login!r} on database {db!r}")
    version = common.version()["server_version"]
    print(f"Connected to Odoo {version} on {db} as {login} (uid {uid})")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    # Products with their barcode (EAN), SKU and quantity on hand.
    products = call(
        "product.product",
        "search_read",
        [("barcode", "!=", False), ("is_storable", "=", True)],
        fields=["default_code", "barcode", "name", "qty_available"],
        order="default_code",
        limit=5,
    )
    print(f"\n{len(products)} products (first 5 by SKU):")
    for p in products:
        print(
            f"  {p['default_code']:<8} {p['barcode']}  "
            f"{p['qty_available']:>6.0f}  {p['name']}"
        )

    # Confirmed sale orders, newest first.
    orders = call(
        "sale.order",
        "search_read",
        [("state", "=", "sale")],
        fields=["name", "partner_id", "amount_total", "currency_id", "date_order"],
        order="date_order desc, id desc",
        limit=5,
    )
    print(f"\n{len(orders)} confirmed sale orders (newest first):")
    for o in orders:
        print(
            f"  {o['name']:<8} {o['partner_id'][1]:<28} "
            f"{o['amount_total']:>9.2f} {o['currency_id'][1]}"
        )

    # Create a quotation for a customer, found by email or created.
    email = "integrator.example@example.com"
    partner_ids = call("res.partner", "search", [("email", "=", email)], limit=1)
    partner_id = (
        partner_ids[0]
        if partner_ids
        else call(
            "res.partner", "create", {"name": "Integrator Example", "email": email}
        )
    )
    if not products:
        sys.exit("no product to sell: install the demo data or create products first")
    order_id = call(
        "sale.order",
        "create",
        {
            "partner_id": partner_id,
            "order_line": [
                (0, 0, {"product_id": products[0]["id"], "product_uom_qty": 2})
            ],
        },
    )
    order = call(
        "sale.order", "read", [order_id], fields=["name", "amount_total", "state"]
    )[0]
    print(
        f"\nCreated quotation {order['name']} for {email}: "
        f"{order['amount_total']:.2f} ({order['state']})"
    )


if __name__ == "__main__":
    main(sys.argv)
