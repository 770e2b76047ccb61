# Benchmark of stock_demand_forecast, run inside `odoo shell` (variable `env`):
#     scripts/bench/run.sh stock_demand_forecast stock_demand_forecast_bench.py
# Figures from issue #14: 10,000 products x 2 years of daily history; demand
# extraction, classification, forecast and suggestions under 60 s, memory
# printed; forecast accuracy against a naive forecast on generated series with
# a known truth. Bulk history is inserted with SQL; everything is rolled back.
# FORECAST_BENCH_PRODUCTS lowers the size while developing.
import datetime
import os
import random
import resource
import statistics
import time

from odoo.addons.stock_demand_forecast import demand_forecast as df

N_PRODUCTS = int(os.environ.get("FORECAST_BENCH_PRODUCTS", "10000"))
DAYS = 730

env = env(context=dict(env.context, tz="UTC"))  # noqa: F821 (odoo shell's env)
cr = env.cr
company = env.company
company.partner_id.tz = "UTC"
company.demand_history_days = DAYS


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ----------------------------------------------------------------------
# 1. Accuracy on generated series with a known truth (pure module)
# ----------------------------------------------------------------------
print("== accuracy: 400 generated series, 730 days, truth known")
rng = random.Random(14)
rows = []
for kind in ("smooth", "intermittent", "lumpy", "seasonal"):
    errors_method, errors_naive, truth_method, truth_naive, hits = [], [], [], [], 0
    for _i in range(100):
        start = datetime.date(2025, 1, 1)
        months = [(start + datetime.timedelta(days=d)).month for d in range(DAYS)]
        # the true rate drops by a third 60 days before the end
        base = [1.0 if d < DAYS - 60 else 2 / 3 for d in range(DAYS)]
        if kind == "smooth":
            rate = [6 * b for b in base]
            series = [max(0, round(rng.gauss(r, 1.5))) for r in rate]
        elif kind == "intermittent":
            rate = [0.25 * 3 * b for b in base]  # 1 day in 4, 3 units
            series = [3 if rng.random() < 0.25 * b else 0 for b in base]
        elif kind == "lumpy":
            rate = [(1 / 6) * 8 * b for b in base]  # 1 day in 6, 1..15 units
            series = [rng.randint(1, 15) if rng.random() < b / 6 else 0 for b in base]
        else:
            season = [3.0 if m == 12 else 0.8 for m in months]
            rate = [4 * b * s for b, s in zip(base, season, strict=True)]
            series = [max(0, round(rng.gauss(r, 1))) for r in rate]
        result = df.forecast(series[:-28], months=months[:-28], future_months=[1])
        tomorrow = (start + datetime.timedelta(days=DAYS)).month
        full = df.forecast(series, months=months, future_months=[tomorrow])
        hits += bool(full["seasonal"]) == (kind == "seasonal")
        errors_method.append(result["mae"])
        errors_naive.append(result["naive_mae"])
        # forecast level vs the true rate of the last day
        truth = (
            rate[-1]
            / (3.0 if months[-1] == 12 else 0.8)
            * (3.0 if tomorrow == 12 else 0.8)
            if kind == "seasonal"
            else rate[-1]
        )
        truth_method.append(abs(full["daily"][0] - truth))
        naive = statistics.fmean(series[-90:])
        truth_naive.append(abs(naive - truth))
    rows.append(
        (
            kind,
            statistics.fmean(errors_method),
            statistics.fmean(errors_naive),
            statistics.fmean(truth_method),
            statistics.fmean(truth_naive),
            hits,
        )
    )
print(
    f"{'series':<13} {'MAE method':>10} {'MAE naive':>10} "
    f"{'|fc-truth|':>11} {'|naive-truth|':>14} {'season ok':>9}"
)
for kind, mae, naive, t_m, t_n, hits in rows:
    print(f"{kind:<13} {mae:10.3f} {naive:10.3f} {t_m:11.3f} {t_n:14.3f} {hits:6d}/100")
print(
    "(MAE on the 28 held-out days, fitted before them; |fc-truth|: the "
    "forecast for tomorrow vs the true daily rate; naive: 90-day average)"
)

# ----------------------------------------------------------------------
# 2. Scale: 10,000 products x 2 years of done deliveries
# ----------------------------------------------------------------------
print(f"== setup: {N_PRODUCTS} products x {DAYS} days of deliveries (SQL inserts)")
setup_start = time.perf_counter()
warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
stock_location = warehouse.lot_stock_id
customer_location = env.ref("stock.stock_location_customers")
uom_unit = env.ref("uom.product_uom_unit")
env.flush_all()
old = datetime.datetime.now() - datetime.timedelta(days=DAYS + 10)
cr.execute(
    """
    INSERT INTO product_template (name, type, is_storable, uom_id, tracking,
                                  service_tracking, active, sale_ok, purchase_ok,
                                  create_date, write_date, create_uid, write_uid)
    SELECT jsonb_build_object('en_US', 'Forecast bench ' || i), 'consu', TRUE, %s,
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
cr.execute(
    """
    INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                             reserved_quantity, in_date, create_date, write_date,
                             create_uid, write_uid)
    SELECT p, %s, %s, (p %% 37), 0, %s, %s, %s, 1, 1
      FROM unnest(%s::int[]) AS p
    """,
    (stock_location.id, company.id, old, old, old, product_ids),
)
# Demand mix: 10 % smooth (80 % of days, 1-8 units), 5 % seasonal smooth
# (December x3), 60 % sparse (1 day in 5, 1-3 units), 25 % sparser with larger
# sizes (1 day in 8, 1-20 units: CV² about 0.3, so intermittent by the
# Syntetos-Boylan cut-offs, not lumpy): about 2 million done deliveries.
# setseed makes the history the same at every run.
cr.execute("SELECT setseed(0.14)")
cr.execute(
    """
    INSERT INTO stock_move (product_id, location_id, location_dest_id, company_id,
                            date, state, procure_method, product_uom, product_uom_qty,
                            product_qty, quantity, picked, create_date, write_date,
                            create_uid, write_uid)
    SELECT p.id, %(stock)s, %(customer)s, %(company)s, d.day + interval '10 hours',
           'done', 'make_to_stock', %(uom)s, q.qty, q.qty, q.qty, TRUE,
           %(old)s, %(old)s, 1, 1
      FROM (SELECT id, row_number() OVER (ORDER BY id) %% 20 AS kind
              FROM unnest(%(ids)s::int[]) AS id) AS p
     CROSS JOIN generate_series(CURRENT_DATE - %(days)s, CURRENT_DATE - 1,
                                interval '1 day') AS d(day)
     CROSS JOIN LATERAL (SELECT random() AS r, random() AS s
                         WHERE p.id IS NOT NULL AND d.day IS NOT NULL) AS rnd
     CROSS JOIN LATERAL (
        SELECT CASE
            WHEN p.kind < 2 THEN CASE WHEN rnd.r < 0.8 THEN 1 + floor(rnd.s * 8) END
            WHEN p.kind < 3 THEN CASE WHEN rnd.r < 0.8 THEN
                (1 + floor(rnd.s * 4))
                * CASE WHEN extract(month FROM d.day) = 12 THEN 3 ELSE 1 END END
            WHEN p.kind < 15 THEN CASE WHEN rnd.r < 0.2 THEN 1 + floor(rnd.s * 3) END
            ELSE CASE WHEN rnd.r < 0.125 THEN 1 + floor(rnd.s * 20) END
        END AS qty) AS q
     WHERE q.qty IS NOT NULL
    """,
    {
        "stock": stock_location.id,
        "customer": customer_location.id,
        "company": company.id,
        "uom": uom_unit.id,
        "old": old,
        "ids": product_ids,
        "days": DAYS,
    },
)
n_moves = cr.rowcount
cr.execute("ANALYZE stock_move")
env.invalidate_all()
print(
    f"   {n_moves} done delivery moves, setup {time.perf_counter() - setup_start:.1f} s"
)

Forecast = env["stock.demand.forecast"]

# Baseline, same run: what Odoo's replenishment report does, an average of
# past demand, here for every product at once with one _read_group.
start = time.perf_counter()
queries = cr.sql_log_count
groups = env["stock.move"]._read_group(
    [
        ("state", "=", "done"),
        ("location_dest_id.usage", "=", "customer"),
        ("date", ">=", datetime.datetime.now() - datetime.timedelta(days=DAYS)),
    ],
    ["product_id"],
    ["product_qty:sum"],
)
baseline = time.perf_counter() - start
print(
    f"baseline: average demand of {len(groups)} products (_read_group) "
    f"{baseline:8.2f} s  {cr.sql_log_count - queries:4d} queries"
)

rss_before = rss_mb()
start = time.perf_counter()
queries = cr.sql_log_count
count = Forecast._compute_company(company)
env.flush_all()
elapsed = time.perf_counter() - start
status = "OK" if elapsed < 60 else "MISSED"
print(
    f"forecast + suggestions for {count} products "
    f"{elapsed:8.2f} s  {cr.sql_log_count - queries:4d} queries "
    f"(target < 60 s: {status})"
)
print(f"memory: peak RSS {rss_mb():.0f} MB (before the run {rss_before:.0f} MB)")
cr.execute(
    """
    SELECT demand_class, method, seasonal, COUNT(*), SUM(needs_order::int)
      FROM stock_demand_forecast WHERE company_id = %s
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    """,
    (company.id,),
)
for demand_class, method, seasonal, n, to_order in cr.fetchall():
    print(
        f"   {demand_class:<13} {method or '-':<5} seasonal={seasonal!s:<5} "
        f"{n:6d} products, {to_order} to reorder"
    )
cr.execute(
    """
    SELECT AVG(mae), AVG(naive_mae), AVG((mae < naive_mae)::int)
      FROM stock_demand_forecast WHERE company_id = %s AND accuracy_known
    """,
    (company.id,),
)
mae, naive, better = cr.fetchone()
print(
    f"   holdout MAE per day: method {mae:.3f}, naive {naive:.3f}; "
    f"method better on {better * 100:.0f} % of products"
)
cr.rollback()
