# Benchmark of incoming_stock_atp, run inside `odoo shell` (variable `env`):
#     scripts/bench/run.sh incoming_stock_atp incoming_stock_atp_bench.py
# Figures from issue #6: ATP for 10,000 products with 50,000 open moves in under
# 1 s (fixed number of SQL queries), the timeline of one product in under 50 ms,
# the changed-since set for 10,000 products in under 0.5 s.
# Bulk data is inserted with SQL (setup in seconds, not minutes); everything is
# rolled back at the end. Sizes can be lowered with ATP_BENCH_PRODUCTS /
# ATP_BENCH_MOVES environment variables while developing.
import datetime
import os
import time

N_PRODUCTS = int(os.environ.get("ATP_BENCH_PRODUCTS", "10000"))
N_MOVES = int(os.environ.get("ATP_BENCH_MOVES", "50000"))
REPEAT = 3

env = env(context=dict(env.context, tz="UTC"))  # noqa: F821 (odoo shell's env)
cr = env.cr


def timed(label, func, target=None):
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
    verdict = ""
    if target is not None:
        status = "OK" if best < target else "MISSED"
        verdict = f" (target < {int(target * 1000)} ms: {status})"
    print(f"{label:<62} {best * 1000:8.1f} ms  {queries:3d} queries{verdict}")
    return result


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
    SELECT jsonb_build_object('en_US', 'ATP bench ' || i), 'consu', TRUE, %s,
           'none', 'no', TRUE, TRUE, TRUE, %s, %s, 1, 1
      FROM generate_series(1, %s) AS i
    RETURNING id
    """,
    (uom_unit.id, old, old, N_PRODUCTS),
)
template_ids = [row[0] for row in cr.fetchall()]
cr.execute(
    """
    INSERT INTO product_product (product_tmpl_id, active, create_date, write_date,
                                 create_uid, write_uid)
    SELECT unnest(%s::int[]), TRUE, %s, %s, 1, 1
    RETURNING id
    """,
    (template_ids, old, old),
)
product_ids = sorted(row[0] for row in cr.fetchall())
# Stock on hand for every product; 1 quant in 20 changed yesterday-and-a-bit.
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
# Open moves: 40 % receipts, 60 % deliveries, over the next 60 days; 1 in 50
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
# One product with a busy history: 500 more open moves.
busy_id = product_ids[0]
cr.execute(
    """
    INSERT INTO stock_move (product_id, location_id, location_dest_id, company_id, date,
                            state, procure_method, product_uom, product_uom_qty,
                            product_qty, quantity, picked, create_date, write_date,
                            create_uid, write_uid)
    SELECT %s, CASE WHEN i %% 2 = 0 THEN %s ELSE %s END,
           CASE WHEN i %% 2 = 0 THEN %s ELSE %s END, %s,
           (now() at time zone 'UTC') + ((i %% 120) || ' days')::interval, 'confirmed',
           'make_to_stock', %s, 3, 3, 0, FALSE, %s, %s, 1, 1
      FROM generate_series(1, 500) AS i
    """,
    (
        busy_id,
        supplier_location.id,
        stock_location.id,
        stock_location.id,
        customer_location.id,
        company.id,
        uom_unit.id,
        old,
        old,
    ),
)
cr.execute("ANALYZE stock_move; ANALYZE stock_quant; ANALYZE product_product")
cr.execute("SELECT COUNT(*) FROM stock_move WHERE product_id = %s", (busy_id,))
busy_moves = cr.fetchone()[0]
products = env["product.product"].browse(product_ids)
busy = env["product.product"].browse(busy_id)
team = env["crm.team"].create(
    {
        "name": "ATP bench channel",
        "atp_warehouse_id": warehouse.id,
        "atp_buffer_type": "percent",
        "atp_buffer_qty": 10,
        "atp_count_incoming": True,
        "atp_incoming_days": 14,
    }
)
env.flush_all()
cr.execute("UPDATE crm_team SET atp_settings_date = %s WHERE id = %s", (old, team.id))
cr.execute(
    "SELECT COUNT(*) FROM stock_move WHERE state NOT IN ('done', 'cancel', 'draft') "
    "AND product_id = ANY(%s)",
    (product_ids,),
)
open_moves = cr.fetchone()[0]
print(
    f"   {len(products)} products, {open_moves} open moves, setup "
    f"{time.perf_counter() - setup_start:.1f} s"
)

print(f"== figures (best of {REPEAT} runs, ORM cache cleared before each)")
figures = timed(
    f"ATP figures of {len(products)} products (_get_atp_figures)",
    lambda: products._get_atp_figures(warehouse=warehouse),
    target=1.0,
)
published = timed(
    f"publishable qty of {len(products)} products (channel)",
    lambda: team._get_publishable_quantities(products),
    target=1.0,
)
rpc = timed(
    "same through the RPC wrapper (list of dicts)",
    lambda: team.get_publishable_quantities(product_ids),
)
timeline = timed(
    f"timeline of one product ({busy_moves} open moves)",
    lambda: busy._get_atp_timeline(warehouse=warehouse),
    target=0.05,
)
timed(
    "timeline of one ordinary product",
    lambda: products[1]._get_atp_timeline(warehouse=warehouse),
    target=0.05,
)
timed(
    "earliest date for 100 units of one product",
    lambda: busy._get_atp_earliest_date(100, warehouse=warehouse),
    target=0.05,
)
changed = timed(
    f"changed-since, restricted to {len(products)} products",
    lambda: team._get_publishable_changed_since(since, products=products),
    target=0.5,
)
changed_all = timed(
    "changed-since, all products of the database",
    lambda: team._get_publishable_changed_since(since),
    target=0.5,
)
print(
    f"   {len(changed)} products changed since {since:%Y-%m-%d %H:%M} "
    f"({len(changed_all)} in the whole database); "
    f"{sum(1 for q in published.values() if q > 0)} products publishable; "
    f"timeline of the busy product: {len(timeline[1])} days; "
    f"{len(rpc)} RPC rows"
)
sample = products[:3]
print(
    "   sample ATP now / ATP:",
    [(figures[p.id]["atp_now"], figures[p.id]["atp"]) for p in sample],
)

start = time.perf_counter()
env.invalidate_all()
core = (
    products[:1000].with_context(warehouse_id=warehouse.id).mapped("virtual_available")
)
print(
    "   for comparison, Odoo's virtual_available of 1,000 of them: %.1f ms"
    % ((time.perf_counter() - start) * 1000)
)
assert len(core) == 1000

env.cr.rollback()
print("== rolled back")
