# Benchmark of bin_locations:
#   scripts/bench/run.sh bin_locations bin_locations_bench.py
# (inside `odoo shell`, variable `env`). Prints:
#  - a scan (bin or product) in a delivery of 50 lines: p50 / p95 server time and SQL
#    queries per scan, with a cold cache as in a new HTTP request;
#  - the bin-sorted pick list PDF for 50 orders.
# Everything it creates is rolled back.
import statistics
import time

N_LINES = 50
N_ORDERS = 50


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


env = env(context=dict(env.context, tracking_disable=True))  # noqa: F821
warehouse = env["stock.warehouse"].search(
    [("company_id", "=", env.company.id)], limit=1
)
stock = warehouse.lot_stock_id
customers = env.ref("stock.stock_location_customers")
bins = env["stock.location"].create(
    [
        {
            "name": f"BENCH-{a}-{s:02d}",
            "location_id": stock.id,
            "barcode": f"BENCH-{a}-{s:02d}",
        }
        for a in "ABCDE"
        for s in range(1, 11)
    ]
)
products = env["product.product"].create(
    [
        {
            "name": f"Bench product {i}",
            "is_storable": True,
            "default_code": f"BENCH-SKU-{i}",
            "barcode": f"99{i:011d}",
        }
        for i in range(N_LINES)
    ]
)
for product, location in zip(products, bins, strict=True):
    env["stock.quant"]._update_available_quantity(product, location, 10000)
    product.home_bin_id = location


def delivery(lines):
    picking = env["stock.picking"].create(
        {
            "picking_type_id": warehouse.out_type_id.id,
            "location_id": stock.id,
            "location_dest_id": customers.id,
            "move_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "product_uom": product.uom_id.id,
                        "location_id": stock.id,
                        "location_dest_id": customers.id,
                    },
                )
                for product, qty in lines
            ],
        }
    )
    picking.action_confirm()
    picking.action_assign()
    return picking


picking = delivery([(p, 2) for p in products])
env.flush_all()

timings, queries = [], []
lines = picking.move_line_ids.sorted("bin_sort_key")


def timed_scan(code, **kw):
    env.invalidate_all()  # a new request starts with an empty cache
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = picking.bin_scan_barcode(code, **kw)
    env.flush_all()
    timings.append((time.perf_counter() - start) * 1000)
    queries.append(env.cr.sql_log_count - before)
    return result


for line in lines:
    location = line.location_id
    assert timed_scan(location.barcode)["ok"]
    for _ in range(2):
        assert timed_scan(line.product_id.barcode, bin_id=location.id)["ok"]
# wrong scans (product from another bin) are part of real life too
for line in lines[:10]:
    assert not timed_scan(line.product_id.barcode, bin_id=lines[-1].location_id.id)[
        "ok"
    ]

print(
    f"scan in a {N_LINES}-line delivery, {len(timings)} scans (bin, product x2, wrong):"
)
print(
    f"  server time p50 {statistics.median(timings):.1f} ms,"
    f" p95 {pct(timings, 95):.1f} ms, max {max(timings):.1f} ms (target p95 < 150 ms)"
)
print(
    f"  SQL queries per scan: median {statistics.median(queries):.0f},"
    f" max {max(queries)}"
)

env.invalidate_all()
start = time.perf_counter()
payload = picking.bin_scan_data()
print(
    f"  opening the delivery (payload of {len(payload['lines'])} lines):"
    f" {(time.perf_counter() - start) * 1000:.1f} ms"
)

start = time.perf_counter()
assert picking.bin_scan_validate()["done"]
print(f"  validate: {(time.perf_counter() - start) * 1000:.1f} ms")

orders = env["stock.picking"]
for i in range(N_ORDERS):
    chosen = [products[(i * 7 + k * 13) % N_LINES] for k in range(3)]
    orders |= delivery([(p, 1 + k) for k, p in enumerate(chosen)])
env.flush_all()
env.invalidate_all()
before = env.cr.sql_log_count
start = time.perf_counter()
pdf, kind = env["ir.actions.report"]._render_qweb_pdf(
    "bin_locations.report_bin_picklist", orders.ids
)
elapsed = time.perf_counter() - start
print(
    f"pick list for {N_ORDERS} orders ({len(orders.move_ids)} lines): {elapsed:.2f} s,"
    f" {kind}, {len(pdf) // 1024} KiB, {env.cr.sql_log_count - before} SQL queries"
    " (target < 10 s)"
)
env.cr.rollback()
