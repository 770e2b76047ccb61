# Benchmark of customer_segments (run inside `odoo shell`, variable `env`):
#
#   scripts/bench/run.sh customer_segments customer_segments_bench.py
#
# Inserts CUSTOMERS customers and ORDERS sales orders with plain SQL, then times
# 1. the full set-based recompute of the figures and RFM scores,
# 2. the incremental recompute of 1,000 customers whose orders changed,
# 3. counting every segment,
# 4. the CSV export of a 50,000-customer segment,
# printing durations and SQL query counts. Everything is rolled back at the end.
# Sizes can be lowered for a quick run: CS_BENCH_CUSTOMERS=10000 CS_BENCH_ORDERS=50000.
# ruff: noqa: F821
import os
import time

from odoo.tools import SQL

CUSTOMERS = int(os.environ.get("CS_BENCH_CUSTOMERS", "100000"))
ORDERS = int(os.environ.get("CS_BENCH_ORDERS", "500000"))
SEGMENT_SIZE = min(50_000, CUSTOMERS // 2)

cr = env.cr
Partner = env["res.partner"]


def timed(label, func):
    env.flush_all()
    queries = cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    print(f"{label:<58} {elapsed:8.2f} s  {cr.sql_log_count - queries:6d} queries")
    return result


def column_defaults(model, columns):
    """Constant SQL values for NOT NULL columns without a database default."""
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL
              AND column_name <> 'id'""",
        [model._table],
    )
    missing = [name for (name,) in cr.fetchall() if name not in columns]
    defaults = model.default_get(missing)
    values = {}
    for name in missing:
        if name not in defaults:
            raise SystemExit(f"no value for the NOT NULL column {model._table}.{name}")
        value = defaults[name]
        if isinstance(value, list | tuple):
            value = value[0]
        values[name] = value
    return values


def insert_select(model, columns, extra_from=""):
    """INSERT INTO table (columns + defaults) SELECT expressions FROM ...."""
    constants = column_defaults(model, columns)
    names = list(columns) + list(constants)
    exprs = [SQL(columns[name]) for name in columns] + [
        SQL("%s", constants[name]) for name in constants
    ]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s %s",
            SQL.identifier(model._table),
            SQL(", ").join(SQL.identifier(n) for n in names),
            SQL(", ").join(exprs),
            SQL(extra_from),
        )
    )
    return cr.rowcount


print(f"== customer_segments benchmark: {CUSTOMERS:,} customers, {ORDERS:,} orders")
company = env.company
teams = env["crm.team"].create([{"name": f"Bench channel {i}"} for i in range(3)])
lu, de, fr = env.ref("base.lu"), env.ref("base.de"), env.ref("base.fr")
env.flush_all()


def insert_customers():
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM res_partner")
    (first,) = cr.fetchone()
    count = insert_select(
        Partner,
        {
            "name": "'Bench Customer ' || g",
            "complete_name": "'Bench Customer ' || g",
            "email": "'bench' || g || '@example.lu'",
            "active": "TRUE",
            "type": "'contact'",
            "is_company": "FALSE",
            "lang": "'en_US'",
            # half of the customers consented, among them the exported segment
            "marketing_consent": f"CASE WHEN g <= {SEGMENT_SIZE} OR g %% 2 = 0 "
            "THEN 'granted' ELSE 'unknown' END",
            "marketing_contactable": f"g <= {SEGMENT_SIZE} OR g %% 2 = 0",
            "country_id": f"(ARRAY[{lu.id}, {de.id}, {fr.id}])[1 + g %% 3]",
            "create_date": "now() at time zone 'UTC'",
            "write_date": "now() at time zone 'UTC'",
        },
        f"FROM generate_series(1, {CUSTOMERS}) g",
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id > %s RETURNING id",
        [first],
    )
    return [row[0] for row in cr.fetchall()], count


(customer_ids, _count) = timed(
    f"insert {CUSTOMERS:,} customers (SQL)", insert_customers
)
customer_ids.sort()
lo, hi = customer_ids[0], customer_ids[-1]
assert hi - lo + 1 == CUSTOMERS, "customer ids are not contiguous"


def insert_orders():
    # skewed: a few customers order often (power law), many order once
    return insert_select(
        env["sale.order"],
        {
            "name": "'BENCH/' || g",
            "partner_id": "pid",
            "partner_invoice_id": "pid",
            "partner_shipping_id": "pid",
            "company_id": str(company.id),
            "currency_id": str(company.currency_id.id),
            "currency_rate": "1",
            "date_order": "(now() at time zone 'UTC') - random() * interval '730 days'",
            "state": "CASE WHEN g %% 20 = 0 THEN 'cancel' "
            "WHEN g %% 20 = 1 THEN 'draft' ELSE 'sale' END",
            "team_id": f"(ARRAY[{','.join(str(t) for t in teams.ids)}])[1 + g %% 3]",
            "amount_untaxed": "amount",
            "amount_tax": "0",
            "amount_total": "amount",
            "create_date": "now() at time zone 'UTC'",
            "write_date": "now() at time zone 'UTC'",
        },
        f"FROM (SELECT g, {lo} + FLOOR({CUSTOMERS} * POWER(random(), 1.6))::int AS pid,"
        " ROUND((5 + random() * 200)::numeric, 2) AS amount"
        f" FROM generate_series(1, {ORDERS}) g) s",
    )


timed(f"insert {ORDERS:,} orders (SQL)", insert_orders)
cr.execute("ANALYZE res_partner")
cr.execute("ANALYZE sale_order")
env.invalidate_all()


def baseline():
    """The floor: only read and aggregate the confirmed orders per customer and
    company, without ranking or writing anything."""
    cr.execute(
        """SELECT p.commercial_partner_id, so.company_id, COUNT(*), SUM(so.amount_total)
             FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
            WHERE so.state = 'sale'
         GROUP BY 1, 2"""
    )
    return len(cr.fetchall())


timed("baseline: aggregate the orders only (one SELECT)", baseline)
updated = timed(
    "full recompute: figures + RFM (set-based SQL)",
    Partner._customer_stats_recompute_all,
)
# figures are company-dependent: one JSONB value per company
cr.execute(
    "SELECT COUNT(*), SUM((customer_order_count->>%s)::int) FROM res_partner"
    " WHERE id BETWEEN %s AND %s AND customer_order_count ? %s",
    [str(env.company.id), lo, hi, str(env.company.id)],
)
with_orders, confirmed = cr.fetchone()
print(
    f"   {updated:,} customers updated; {with_orders:,} with orders, "
    f"{confirmed:,} confirmed orders"
)

changed = customer_ids[:: max(1, len(customer_ids) // 1000)][:1000]
Partner._customer_stats_mark_dirty(changed)
cr.precommit.clear()  # the benchmark runs the job itself instead of queueing it
print(
    "   "
    + timed(
        f"incremental recompute of {len(changed):,} changed customers",
        Partner._customer_stats_recompute_dirty,
    )
)

segments = env["customer.segment"].search([])
segments.invalidate_recordset(["partner_count"])
counts = timed(
    f"count the {len(segments)} segments",
    lambda: {s.name: s.partner_count for s in segments},
)
print("   " + ", ".join(f"{name}: {count:,}" for name, count in counts.items()))

category = env["res.partner.category"].create({"name": "Bench segment"})
cr.execute(
    """INSERT INTO res_partner_res_partner_category_rel (category_id, partner_id)
       SELECT %s, id FROM res_partner WHERE id BETWEEN %s AND %s""",
    [category.id, lo, lo + SEGMENT_SIZE - 1],
)
segment = env["customer.segment"].create(
    {"name": "Bench export", "rule_type": "tag", "category_id": category.id}
)
result = timed(f"export a {SEGMENT_SIZE:,}-customer segment to CSV", segment.export_csv)
print(
    f"   {result['exported']:,} rows, {len(result['csv']) / 1e6:.1f} MB, "
    f"{result['skipped']:,} left out without consent"
)
print("   first row: " + result["csv"].splitlines()[1])

cr.rollback()
print("== rolled back")
