# Benchmark of sale_channel_stock_feed, run inside `odoo shell` (variable `env`):
#     scripts/bench/run.sh sale_channel_stock_feed sale_channel_stock_feed_bench.py
# Issue #13: the stock feed of one sales channel for 10,000 products (CSV and
# JSON, full and changed set), against the baseline it is built on,
# crm.team._get_publishable_quantities alone, measured in the same run.
# Bulk data is inserted with SQL; everything is rolled back at the end. Sizes can
# be lowered with FEED_BENCH_PRODUCTS / FEED_BENCH_MOVES while developing.
import datetime
import os
import time

N_PRODUCTS = int(os.environ.get("FEED_BENCH_PRODUCTS", "10000"))
N_MOVES = int(os.environ.get("FEED_BENCH_MOVES", "50000"))
REPEAT = 3

env = env(context=dict(env.context, tz="UTC"))  # noqa: F821 (odoo shell's env)
cr = env.cr


def timed(label, func):
    """Run ``func`` REPEAT times; print the best time and the query count."""
    best = None
    queries = None
    result = None
    for _ in range(REPEAT):
        env.invalidate_all()
        start_queries = cr.sql_log_count
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        queries = cr.sql_log_count - start_queries
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<64} {best * 1000:8.1f} ms  {queries:3d} queries")
    return result, best


print(f"== setup: {N_PRODUCTS} products, {N_MOVES} open moves (SQL inserts)")
setup_start = time.perf_counter()
company = env.company
warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
stock_location = warehouse.lot_stock_id
supplier_location = env.ref("stock.stock_location_suppliers")
customer_location = env.ref("stock.stock_location_customers")
uom_unit = env.ref("uom.product_uom_unit")
env.flush_all()
old = datetime.datetime.now() - datetime.timedelta(days=3)
since = datetime.datetime.now() - datetime.timedelta(days=1)
cr.execute(
    """
    INSERT INTO product_template (name, type, is_storable, uom_id, tracking,
                                  service_tracking, active, sale_ok, purchase_ok,
                                  create_date, write_date, create_uid, write_uid)
    SELECT jsonb_build_object('en_US', 'Feed bench ' || i), 'consu', TRUE, %s,
           'none', 'no', TRUE, TRUE, TRUE, %s, %s, 1, 1
      FROM generate_series(1, %s) AS i
    RETURNING id
    """,
    (uom_unit.id, old, old, N_PRODUCTS),
)
template_ids = [row[0] for row in cr.fetchall()]
cr.execute(
    """
    INSERT INTO product_product (product_tmpl_id, default_code, barcode, active,
                                 create_date, write_date, create_uid, write_uid)
    SELECT t, 'FB-' || t, CASE WHEN t %% 2 = 0 THEN (4000000000000 + t)::text END,
           TRUE, %s, %s, 1, 1
      FROM unnest(%s::int[]) AS t
    RETURNING id
    """,
    (old, old, template_ids),
)
product_ids = sorted(row[0] for row in cr.fetchall())
# Stock on hand for every product; 1 quant in 20 changed since yesterday.
cr.execute(
    """
    INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                             reserved_quantity, in_date, create_date, write_date,
                             create_uid, write_uid)
    SELECT p, %s, %s, (p %% 37), 0, %s, %s,
           CASE WHEN p %% 20 = 0 THEN now() at time zone 'UTC' ELSE %s END, 1, 1
      FROM unnest(%s::int[]) AS p
    """,
    (stock_location.id, company.id, old, old, old, product_ids),
)
# Open moves: 40 % receipts, 60 % deliveries over the next 60 days; 1 in 50
# written recently.
cr.execute(
    """
    INSERT INTO stock_move (product_id, location_id, location_dest_id, company_id,
                            date, state, procure_method, product_uom, product_uom_qty,
                            product_qty, quantity, picked, create_date, write_date,
                            create_uid, write_uid)
    SELECT ids[1 + (i * 7919) %% array_length(ids, 1)],
           CASE WHEN i %% 5 < 2 THEN %(supplier)s ELSE %(stock)s END,
           CASE WHEN i %% 5 < 2 THEN %(stock)s ELSE %(customer)s END,
           %(company)s,
           (now() at time zone 'UTC') + ((i %% 60) || ' days')::interval,
           CASE WHEN i %% 3 = 0 THEN 'assigned' ELSE 'confirmed' END,
           'make_to_stock', %(uom)s, 1 + i %% 9, 1 + i %% 9, 0, FALSE, %(old)s,
           CASE WHEN i %% 50 = 0 THEN now() at time zone 'UTC' ELSE %(old)s END, 1, 1
      FROM generate_series(1, %(n)s) AS i, (SELECT %(ids)s::int[] AS ids) AS p
    """,
    {
        "supplier": supplier_location.id,
        "stock": stock_location.id,
        "customer": customer_location.id,
        "company": company.id,
        "uom": uom_unit.id,
        "old": old,
        "n": N_MOVES,
        "ids": product_ids,
    },
)
cr.execute("ANALYZE stock_move; ANALYZE stock_quant; ANALYZE product_product")
products = env["product.product"].browse(product_ids)
team = env["crm.team"].create(
    {
        "name": "Feed bench channel",
        "company_id": company.id,
        "atp_warehouse_id": warehouse.id,
        "atp_buffer_type": "percent",
        "atp_buffer_qty": 10,
        "atp_count_incoming": True,
        "atp_incoming_days": 14,
    }
)
env.flush_all()
cr.execute("UPDATE crm_team SET atp_settings_date = %s WHERE id = %s", (old, team.id))
env.invalidate_all()
print(f"   {len(products)} products, setup {time.perf_counter() - setup_start:.1f} s")

print(f"== figures (best of {REPEAT} runs, ORM cache cleared before each)")
_r, base = timed(
    f"baseline: _get_publishable_quantities of {len(products)} products",
    lambda: team._get_publishable_quantities(products),
)
(rows, _cursor), _t = timed(
    "feed rows (products listed + publishable quantities)",
    lambda: team._stock_feed_rows(),
)
(csv_body, _c, _ct), csv_time = timed(
    "full feed as CSV (_stock_feed_render)", lambda: team._stock_feed_render("csv")
)
(json_body, _c, _ct), json_time = timed(
    "full feed as JSON (_stock_feed_render)", lambda: team._stock_feed_render("json")
)
_r, changed_base = timed(
    "baseline: _get_publishable_changed_since (1 day)",
    lambda: team._get_publishable_changed_since(since),
)
(changed_body, _c, _ct), _t = timed(
    "changed-set feed as JSON (since 1 day)",
    lambda: team._stock_feed_render("json", since),
)
print(
    f"   {len(rows)} rows; CSV {len(csv_body) / 1024:.0f} KiB, JSON "
    f"{len(json_body) / 1024:.0f} KiB, changed set {changed_body.count('product_id')}"
    " rows"
)
print(
    f"   feed overhead over the baseline: CSV x{csv_time / base:.2f}, "
    f"JSON x{json_time / base:.2f}"
)
cr.rollback()
