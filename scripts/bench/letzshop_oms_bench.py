# Benchmark of the OMS home (letzshop_oms), run inside `odoo shell` (variable `env`):
#   scripts/bench/run.sh letzshop_oms letzshop_oms_bench.py
# Makes a few real records through the ORM (products, orders, a delivery, an invoice,
# a Letzshop shipment, a forecast), then copies them with SQL up to 10,000 products
# and 100,000 orders of the last 120 days (with their deliveries, invoices, quants,
# forecasts and Letzshop shipments), sizes set by OMS_BENCH_ORDERS and
# OMS_BENCH_PRODUCTS. The data is committed and the tables vacuumed, as autovacuum
# keeps them on a running server (index-only scans need the pages marked all-visible);
# run.sh drops the database afterwards. OMS_BENCH_VACUUM=0 keeps the data uncommitted
# instead (never vacuumed, rolled back at the end), as this benchmark measured before.
# Then times letzshop.oms.home.get_home_data() as the vendor: server time (p50 / p95
# of 20 warm runs) and SQL queries, against a baseline timed in the same runs (each
# run times one, then the other) on the same data: a bare search_count of the
# confirmed orders; then the home part by part.
# ruff: noqa: F821
import os
import statistics
import time
from contextlib import closing

from odoo import Command, sql_db
from odoo.tools import SQL

N_ORDERS = int(os.environ.get("OMS_BENCH_ORDERS", "100000"))
N_PRODUCTS = int(os.environ.get("OMS_BENCH_PRODUCTS", "10000"))
RUNS = 20
VACUUM = os.environ.get("OMS_BENCH_VACUUM", "1") != "0"

env = env(context=dict(env.context, tracking_disable=True))
cr = env.cr
company = env.company
warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
teams = env["crm.team"].create([{"name": f"Bench channel {i}"} for i in range(4)])
customer = env["res.partner"].create({"name": "Bench customer"})
product = env["product.product"].create(
    {"name": "Bench product", "is_storable": True, "list_price": 20}
)
env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10**6)


def columns(table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id'",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def clone(table, template_id, count, overrides):
    """Insert ``count`` copies of row ``template_id`` of ``table``; ``overrides``
    maps a column to an SQL expression of ``n`` (1..count)."""
    env.flush_all()  # the template row complete in the database (stored computes)
    names = columns(table)
    select = [
        SQL(overrides[name]) if name in overrides else SQL.identifier("t", name)
        for name in names
    ]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t, generate_series(1, %s) n "
            "WHERE t.id = %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(name) for name in names),
            SQL(", ").join(select),
            SQL.identifier(table),
            count,
            template_id,
        )
    )


print(f"== data: {N_PRODUCTS} products, {N_ORDERS} orders")
started = time.time()
# products: copies of one product, a quant each (1 in 50 below zero: oversold)
clone(
    "product_template",
    product.product_tmpl_id.id,
    N_PRODUCTS - 1,
    {"name": """jsonb_build_object('en_US', 'Bench product ' || n)"""},
)
cr.execute(
    "SELECT min(id) FROM product_template WHERE id > %s", [product.product_tmpl_id.id]
)
first_template = cr.fetchone()[0]
clone(
    "product_product",
    product.id,
    N_PRODUCTS - 1,
    {"product_tmpl_id": f"{first_template} + n - 1", "barcode": "NULL"},
)
cr.execute("SELECT min(id) FROM product_product WHERE id > %s", [product.id])
first_product = cr.fetchone()[0]
quant = env["stock.quant"].search(
    [("product_id", "=", product.id), ("location_id", "=", warehouse.lot_stock_id.id)],
    limit=1,
)
clone(
    "stock_quant",
    quant.id,
    N_PRODUCTS - 1,
    {
        "product_id": f"{first_product} + n - 1",
        "quantity": "CASE WHEN n %% 50 = 0 THEN -2 ELSE 10 END",
    },
)
# orders: one real order, delivered and invoiced, copied over 120 days and 4 channels
order = env["sale.order"].create(
    {
        "partner_id": customer.id,
        "team_id": teams[0].id,
        "warehouse_id": warehouse.id,
        "order_line": [Command.create({"product_id": product.id})],
    }
)
order.action_confirm()
clone(
    "sale_order",
    order.id,
    N_ORDERS - 1,
    {
        "name": "'BENCH/' || n",
        "date_order": "now() - (n %% 120) * interval '1 day'",
        "team_id": f"(ARRAY{teams.ids})[1 + n %% 4]",
        "amount_untaxed": "10 + n %% 90",
        "fulfillment_cost": "2 + n %% 5",
        "fulfillment_margin": "5 + n %% 20",
        "fulfillment_cost_state": "'estimate'",
        "commitment_date": "CASE WHEN n %% 100 = 0 THEN now() - interval '2 days' END",
        "oms_oversell_prevented": "n %% 300 = 0",
    },
)
# deliveries: 1 in 20 orders has an open one, 1 in 5 a done one
picking = order.picking_ids
move = picking.move_ids
cr.execute("SELECT id FROM sale_order WHERE name LIKE 'BENCH/%%' ORDER BY id")
order_ids = [row[0] for row in cr.fetchall()]
first_order = order_ids[0]
for share, state in ((20, "assigned"), (5, "done")):
    cr.execute("SELECT max(id) FROM stock_picking")
    before = cr.fetchone()[0]
    clone(
        "stock_picking",
        picking.id,
        N_ORDERS // share,
        {
            "name": f"'BENCH/{state}/' || n",
            "state": f"'{state}'",
            "sale_id": f"{first_order} + (n * {share}) %% {len(order_ids)}",
            "date_done": "now() - (n %% 60) * interval '1 day'",
            "carrier_tracking_ref": "CASE WHEN n %% 3 = 0 THEN NULL ELSE 'T' || n END",
        },
    )
    clone(
        "stock_move",
        move.id,
        N_ORDERS // share,
        {
            "picking_id": f"{before} + n",
            "state": f"'{state}'",
            "picked": "n %% 4 = 0",
            "date": "now() - (n %% 60) * interval '1 day'",
        },
    )
# invoices: one real posted invoice (destination VAT), copied for half the orders
invoice = env["account.move"].create(
    {
        "move_type": "out_invoice",
        "partner_id": customer.id,
        "invoice_line_ids": [
            Command.create({"product_id": product.id, "quantity": 1, "price_unit": 20})
        ],
    }
)
invoice.action_post()
clone(
    "account_move",
    invoice.id,
    N_ORDERS // 2,
    {
        "name": "'BENCH/INV/' || n",
        "date": "current_date - (n %% 120)",
        "is_move_sent": "n %% 10 != 0",
        "oss_vat_rule": "(ARRAY['domestic', 'distance_local', 'oss'])[1 + n %% 3]",
        "amount_untaxed_signed": "10 + n %% 90",
    },
)
# forecasts: one per product, 1 in 40 to reorder
cr.execute(
    SQL(
        """
        INSERT INTO stock_demand_forecast (product_id, warehouse_id, company_id,
                                           needs_order, create_uid, write_uid,
                                           create_date, write_date)
        SELECT p.id, %(warehouse)s, %(company)s, p.id %% 40 = 0, 1, 1, now(), now()
          FROM product_product p
        """,
        warehouse=warehouse.id,
        company=company.id,
    )
)
# Letzshop shipments to decide: one in 50 orders
account = env["letzshop.account"].create({"name": "Bench shop"})
cr.execute(
    SQL(
        """
        INSERT INTO letzshop_shipment (name, letzshop_id, account_id, company_id,
                                       state, decision_state, sale_order_id,
                                       completed_date, create_uid, write_uid,
                                       create_date, write_date)
        SELECT 'BENCH-S' || o.id, 'S' || o.id, %(account)s, %(company)s,
               'unconfirmed', 'to_decide', o.id, o.date_order, 1, 1, now(), now()
          FROM sale_order o
         WHERE o.name LIKE 'BENCH/%%' AND o.id %% 50 = 0
        """,
        account=account.id,
        company=company.id,
    )
)
env.invalidate_all()
if VACUUM:
    cr.commit()
    # VACUUM cannot run in a transaction: a connection of its own, in autocommit.
    # It marks a page all-visible only once no open transaction (another session's,
    # on a shared server) is older than the rows: tried again for up to a minute.
    tables = (
        "sale_order, stock_picking, stock_move, account_move, stock_quant, "
        "product_product, product_template, stock_demand_forecast, letzshop_shipment"
    )
    with closing(sql_db.db_connect(cr.dbname).cursor()) as vacuum_cr:
        vacuum_cr._cnx.autocommit = True
        for _attempt in range(12):
            vacuum_cr.execute(f"VACUUM ANALYZE {tables}")
            vacuum_cr.execute(
                "SELECT sum(relallvisible)::float / greatest(sum(relpages), 1) "
                "FROM pg_class WHERE relname IN ('sale_order', 'account_move')"
            )
            visible = vacuum_cr.fetchone()[0]
            if visible > 0.99:
                break
            time.sleep(5)
    print(f"   pages of orders and invoices marked all-visible: {visible:.0%}")
else:
    cr.execute("ANALYZE")
print(
    f"   generated in {time.time() - started:.0f} s "
    f"({'committed and vacuumed' if VACUUM else 'uncommitted, not vacuumed'})"
)
for table in ("sale_order", "product_product", "stock_picking", "account_move"):
    cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
    print(f"   {table}: {cr.fetchone()[0]}")


def measure(*calls):
    """(p50 ms, p95 ms, queries) of each call, over RUNS warm runs; the calls run
    in turn within each run, so that a shared machine's load weighs on each alike."""
    times = [[] for _call in calls]
    queries = [[] for _call in calls]
    for call in calls:
        call()  # warm the caches (access rules, ormcache), as on a running server
    for _run in range(RUNS):
        for n, call in enumerate(calls):
            env.invalidate_all()
            start_queries = cr.sql_log_count
            start = time.perf_counter()
            call()
            times[n].append((time.perf_counter() - start) * 1000)
            queries[n].append(cr.sql_log_count - start_queries)
    return [
        (
            statistics.median(times[n]),
            statistics.quantiles(times[n], n=20)[-1],
            queries[n],
        )
        for n in range(len(calls))
    ]


home = env["letzshop.oms.home"]
vendor = env.ref("base.user_admin")
baseline, figures = measure(
    lambda: env["sale.order"].with_user(vendor).search_count([("state", "=", "sale")]),
    lambda: home.with_user(vendor).get_home_data(),
)
data = home.with_user(vendor).get_home_data()
print(
    "== baseline: sale.order search_count(state = sale): "
    f"p50 {baseline[0]:.1f} ms, p95 {baseline[1]:.1f} ms, queries {set(baseline[2])}"
)
print(
    "== OMS home get_home_data: "
    f"p50 {figures[0]:.1f} ms, p95 {figures[1]:.1f} ms, queries {set(figures[2])}, "
    f"{figures[0] / baseline[0]:.1f} x the baseline's p50"
)
print(
    "   figures: "
    + ", ".join(f"{key} {tile['count']}" for key, tile in data["work"].items())
)
print(
    f"   90 days: {data['sales']['90']['orders']} orders, "
    f"revenue {data['sales']['90']['revenue']:.0f}, "
    f"average {data['sales']['90']['average_order']:.2f}; "
    f"OSS {data['oss']['percent']} %; "
    f"proof {data['proof']}"
)
# where the time goes, part by part (p50 of as many warm runs)
today = __import__("odoo").fields.Date.context_today(home)
now = __import__("odoo").fields.Datetime.now()
parts = {
    "work and proof counts": lambda: home.with_user(vendor)._count_work_and_proof(
        today
    ),
    "oversold": lambda: home.with_user(vendor)._oversold_product_ids(),
    "orders (sales and fulfilment)": lambda: home.with_user(vendor)._read_orders(today),
    "oss": lambda: home.with_user(vendor)._get_oss(today),
    "incoming": lambda: home.with_user(vendor)._get_incoming(today),
    "low stock": lambda: (
        env["product.product"].with_user(vendor).get_stockout_forecast(days=7, limit=5)
    ),
}
print(
    "   parts (p50 ms): "
    + ", ".join(
        f"{name} {timing[0]:.0f}"
        for name, timing in zip(parts, measure(*parts.values()), strict=True)
    )
)
# the work of the queries, which the machine's load does not change: the pages each
# query of one get_home_data() reads (EXPLAIN (ANALYZE, BUFFERS) of each, run again)
executed = []
execute = sql_db.Cursor.execute


def logged_execute(self, query, params=None, log_exceptions=True):
    executed.append((query, params))
    return execute(self, query, params, log_exceptions)


env.invalidate_all()
sql_db.Cursor.execute = logged_execute
try:
    home.with_user(vendor).get_home_data()
finally:
    sql_db.Cursor.execute = execute
pages = []
for query, params in executed:
    cr.execute(b"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + cr.mogrify(query, params))
    plan = cr.fetchone()[0][0]["Plan"]
    pages.append(
        (
            plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0),
            " ".join(cr.mogrify(query, params).decode().split())[:60],
        )
    )
print(
    f"   pages read by the {len(pages)} queries: {sum(count for count, _q in pages)}; "
    "most: "
    + "; ".join(f"{count} {query}" for count, query in sorted(pages, reverse=True)[:4])
)
cr.rollback()
