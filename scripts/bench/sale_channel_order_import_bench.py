# ruff: noqa: F821, E501  (runs in `odoo shell`, where `env` is defined)
"""Benchmark of sale_channel_order_import (run: scripts/bench/run.sh
sale_channel_order_import sale_channel_order_import_bench.py).

A Shopify order export of 10,000 lines (4,000 orders, 2.5 lines each, 300
products: SKU column holding the EAN as GTIN-14 for 40 % of the lines, the
internal reference for 50 %, an unknown SKU for 10 %; 2,000 customers, 500 of them
already in Odoo) is

1. read alone, without the ORM (baseline of the preview);
2. previewed (read, products, customers, currencies, countries checked);
3. imported in one transaction: orders per second and SQL queries per order;
4. baseline: the same sale.order.create of 400 orders built by hand (products and
   customers known), to show what the importer adds to Odoo's own create;
5. when letzshop_connector is installed too (scripts/bench/run.sh
   sale_channel_order_import,letzshop_connector sale_channel_order_import_bench.py),
   the same orders (same lines, products and customers) imported from a local fake
   Letzshop by the Letzshop import, in the same run: the ratio the issue asks for.

Everything is rolled back at the end.
"""

import base64
import os
import time

from odoo.addons.sale_channel_order_import import order_file
from odoo.addons.sale_channel_order_import.tests.files import shopify_csv, shopify_rows

LINES = int(os.environ.get("CHIMPORT_BENCH_LINES", "10000"))
PRODUCTS = 300
CUSTOMERS = 2000
KNOWN_CUSTOMERS = 500

cr = env.cr
company = env.company


def ean13(n):
    body = f"{400000000000 + n:012d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


t0 = time.time()
tax = env["account.tax"].create(
    {"name": "Bench VAT 17%", "amount": 17, "type_tax_use": "sale"}
)
products = env["product.product"].create(
    [
        {
            "name": f"Bench product {n}",
            "barcode": ean13(n),
            "default_code": f"BENCH-{n}",
            "list_price": 10 + n % 40,
            "taxes_id": [(6, 0, tax.ids)],
        }
        for n in range(PRODUCTS)
    ]
)
env["res.partner"].create(
    [
        {"name": f"Known customer {n}", "email": f"Customer{n}@Example.lu"}
        for n in range(KNOWN_CUSTOMERS)
    ]
)
team = env["crm.team"].create({"name": "Bench Shopify"})
countries = ["LU", "FR", "DE", "BE"]
orders, line_no, n = [], 0, 0
while line_no < LINES:
    count = min(1 + n % 4, LINES - line_no)  # 1, 2, 3, 4 lines: 2.5 on average
    lines = []
    for k in range(count):
        p = (n * 7 + k * 13) % PRODUCTS
        kind = (line_no + k) % 10
        if kind < 4:
            sku = "0" + ean13(p)  # the EAN as GTIN-14
        elif kind < 9:
            sku = f"BENCH-{p}"
        else:
            sku = f"UNKNOWN-{p}"
        lines.append((1 + k % 3, f"Bench product {p}", f"{10 + p % 40}.00", sku))
    c = n % CUSTOMERS
    orders.append(
        shopify_rows(
            f"#{10000 + n}",
            lines,
            email=f"customer{c}@example.lu",
            billing=(
                f"Customer {c}",
                f"{c} rue de la Gare",
                "Luxembourg",
                f"L-{1000 + c}",
                countries[c % 4],
            ),
            discount="2.00" if n % 5 == 0 else "0.00",
            order_id=str(5000000 + n),
        )
    )
    line_no += count
    n += 1
data = shopify_csv(*orders)
print(
    f"setup: {len(products)} products, {KNOWN_CUSTOMERS} known customers ({time.time() - t0:.1f}s)"
)
print(f"file: {LINES} lines, {n} orders, {len(data) / 1024 / 1024:.1f} MB")
print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")


def measure(label, fn):
    env.flush_all()
    queries = cr.sql_log_count
    start = time.time()
    result = fn()
    env.flush_all()
    return result, time.time() - start, cr.sql_log_count - queries


# 1. baseline: the file read alone
def read_only():
    header, rows = order_file.read_table(data)
    return order_file.parse_orders(header, rows, order_file.SHOPIFY)


(parsed, errors), secs, queries = measure("read", read_only)
print(
    f"read alone (no ORM, baseline): {secs:.2f} s, {len(parsed)} orders, {len(errors)} errors"
)

# 2. preview through the wizard
wizard = env["sale.channel.order.import"].create(
    {
        "team_id": team.id,
        "data_file": base64.b64encode(data),
        "file_name": "orders_export.csv",
    }
)
_r, secs, queries = measure("preview", wizard.action_preview)
print(
    f"preview: {secs:.2f} s, {queries} SQL queries, {wizard.order_count} orders, "
    f"{wizard.line_count} lines, {wizard.error_count} errors, {wizard.warning_count} warnings "
    f"(unknown products)"
)

# 3. import
_r, secs, queries = measure("import", wizard.action_import)
import_secs = secs
created = len(wizard.sale_order_ids)
print(
    f"import: {created} orders in {secs:.1f} s = {created / secs:.1f} orders/s, "
    f"{queries / max(created, 1):.1f} SQL queries/order "
    f"({len(wizard.sale_order_ids.order_line)} lines, "
    f"{sum(wizard.sale_order_ids.mapped('channel_unknown_product_count'))} unknown-product lines)"
)
again = env["sale.channel.order.import"].create(
    {
        "team_id": team.id,
        "data_file": base64.b64encode(data),
        "file_name": "orders_export.csv",
    }
)
again.action_preview()
_r, secs, queries = measure("again", again.action_import)
print(
    f"same file again: {len(again.sale_order_ids)} created, {again.skipped_count} skipped in {secs:.1f} s, {queries} SQL queries"
)

# 4. baseline: Odoo's own create of 400 such orders, everything known
customer = env["res.partner"].create({"name": "Baseline customer"})
vals = [
    {
        "partner_id": customer.id,
        "team_id": team.id,
        "client_order_ref": f"B{i}",
        "order_line": [
            (
                0,
                0,
                {
                    "product_id": products[(i * 7 + k * 13) % PRODUCTS].id,
                    "product_uom_qty": 1 + k % 3,
                    "price_unit": 10.0,
                },
            )
            for k in range(1 + i % 4)
        ],
    }
    for i in range(400)
]
_r, secs, queries = measure(
    "baseline",
    lambda: (
        env["sale.order"]
        .with_context(mail_create_nolog=True, tracking_disable=True)
        .create(vals)
    ),
)
print(
    f"baseline sale.order.create, 400 orders built by hand: {400 / secs:.1f} orders/s, {queries / 400:.1f} SQL queries/order"
)

# 5. the Letzshop import of the same orders, in the same run
if "letzshop.account" in env:
    import importlib.util

    from odoo.addons import letzshop_connector

    spec = importlib.util.spec_from_file_location(
        "fake_letzshop",
        os.path.join(
            os.path.dirname(letzshop_connector.__file__), "tests", "fake_letzshop.py"
        ),
    )
    fake = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fake)
    store = fake.LetzshopStore()
    line_no, n = 0, 0
    while line_no < LINES:
        count = min(1 + n % 4, LINES - line_no)
        lines = []
        for k in range(count):
            p = (n * 7 + k * 13) % PRODUCTS
            kind = (line_no + k) % 10
            known = kind < 9
            lines.append(
                (
                    f"BENCH-{p}" if known else f"UNKNOWN-{p}",
                    ean13(p) if kind < 4 else None,
                    float(10 + p % 40),
                    1 + k % 3,
                    f"Bench product {p}",
                )
            )
        c = n % CUSTOMERS
        store.add_shipment(
            lines,
            email=f"customer{c}@example.lu",
            first_name="Customer",
            last_name=str(c),
            number=f"LZ{10000 + n}",
            ship_country=countries[c % 4],
        )
        line_no += count
        n += 1
    env["ir.config_parameter"].sudo().set_param("letzshop_connector.test_mode", "1")
    with fake.FakeLetzshopServer(api_key="bench-key", store=store) as server:
        account = env["letzshop.account"].create(
            {
                "name": "Bench Letzshop",
                "endpoint": server.url,
                "api_key": "bench-key",
                "page_size": 100,
                "timeout": 60,
            }
        )
        _r, lz_secs, lz_queries = measure("letzshop", account._letzshop_job_import)
    lz_created = env["sale.order"].search_count(
        [("letzshop_shipment_id.account_id", "=", account.id)]
    )
    print(
        f"Letzshop import of the same orders (fake Letzshop on 127.0.0.1): {lz_created} "
        f"orders in {lz_secs:.1f} s = {lz_created / lz_secs:.1f} orders/s, "
        f"{lz_queries / max(lz_created, 1):.1f} SQL queries/order"
    )
    file_rate = created / max(import_secs, 0.001)
    lz_rate = lz_created / max(lz_secs, 0.001)
    verdict = "OK" if file_rate >= lz_rate else "MISSED"
    print(
        f"file import / Letzshop import: {file_rate:.1f} / {lz_rate:.1f} orders/s = "
        f"{file_rate / lz_rate:.2f} (target >= 1: {verdict})"
    )
cr.rollback()
