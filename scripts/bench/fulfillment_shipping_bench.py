# Benchmark of fulfillment_shipping, run inside `odoo shell` (variable `env`):
#   scripts/bench/run.sh fulfillment_shipping fulfillment_shipping_bench.py
# 1. Rate shopping of one order across 5 carriers: 3 Sendcloud carriers on the fake
#    Sendcloud API (delivery_sendcloud's test server, 300 ms latency each) and 2
#    price-rule carriers. Our concurrent rating (Rate carriers button: rates stored
#    on the order, rule applied, carrier set) against the baseline measured in the
#    same run: Odoo's rate_shipment called carrier after carrier. Best of 3 runs.
# 2. 100 Sendcloud labels in a batch (Actions > Create labels: one queue job per
#    delivery), the jobs run in-process as the job runner runs them
#    (queue_job's Job.perform), against the fake API without latency: our overhead
#    per label (Odoo + HTTP on localhost), queries per label.
# Everything is rolled back at the end.
# ruff: noqa: F821
import os
import time

from odoo.addons.delivery_sendcloud.tests.fake_sendcloud import FakeSendcloudServer
from odoo.addons.queue_job.job import Job

N_LABELS = int(os.environ.get("FS_BENCH_LABELS", "100"))
LATENCY = float(os.environ.get("FS_BENCH_LATENCY", "0.3"))

env = env(context=dict(env.context, tracking_disable=True))
company = env.company
lu = env.ref("base.lu")
company.partner_id.write(
    {"street": "1 rue de l'Entrepot", "zip": "1111", "city": "Luxembourg"}
)
company.country_id = lu
warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
warehouse.partner_id.write(
    {
        "street": "1 rue de l'Entrepot",
        "zip": "1111",
        "city": "Luxembourg",
        "country_id": lu.id,
    }
)
Carrier = env["delivery.carrier"]
Carrier.search([]).active = False
ship = env["product.product"].create({"name": "Bench shipping", "type": "service"})
rate_srv = FakeSendcloudServer(latency=LATENCY).start()
label_srv = FakeSendcloudServer(latency=0.0).start()


def sendcloud(name, code, url):
    carrier = Carrier.create(
        {
            "name": name,
            "delivery_type": "sendcloud",
            "product_id": ship.id,
            "sendcloud_shipping_option_code": code,
        }
    )
    carrier.sendcloud_endpoint = url
    carrier.write(
        {"sendcloud_public_key": "test-public", "sendcloud_secret_key": "test-secret"}
    )
    return carrier


carriers = Carrier.browse()
for code in ("postnl:standard", "dpd:home", "bpost:home"):
    carriers |= sendcloud(f"Bench {code}", code, rate_srv.url)
for i, base in enumerate((6.5, 8.0)):
    carriers |= Carrier.create(
        {
            "name": f"Bench rule {i}",
            "delivery_type": "base_on_rule",
            "product_id": ship.id,
            "transit_days": 2 + i,
            "price_rule_ids": [
                (
                    0,
                    0,
                    {
                        "variable": "weight",
                        "operator": "<=",
                        "max_value": 30,
                        "list_base_price": base,
                    },
                )
            ],
        }
    )
product = env["product.product"].create(
    {"name": "Bench mug", "is_storable": True, "weight": 0.5}
)
env["stock.quant"]._update_available_quantity(
    product, warehouse.lot_stock_id, 10 * N_LABELS
)
customer = env["res.partner"].create(
    {
        "name": "Bench customer",
        "street": "2 rue du Fort",
        "zip": "2222",
        "city": "Luxembourg",
        "country_id": lu.id,
    }
)
team = env["crm.team"].create({"name": "Bench shop", "shipping_rule": "cheapest"})
order = env["sale.order"].create(
    {
        "partner_id": customer.id,
        "team_id": team.id,
        "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
    }
)
env.flush_all()


def measure(fn):
    best = None
    for _ in range(3):
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        fn()
        env.flush_all()
        elapsed = time.perf_counter() - start
        queries = env.cr.sql_log_count - queries
        if best is None or elapsed < best[0]:
            best = (elapsed, queries)
    return best


def sequential():
    for carrier in carriers:
        carrier.rate_shipment(order)


seq_time, seq_q = measure(sequential)
conc_time, conc_q = measure(order.action_shop_rates)
chosen = order.shipping_rate_ids.filtered("chosen")
print(
    f"rate shopping, 5 carriers (3 Sendcloud at {LATENCY * 1000:.0f} ms latency, "
    "2 price-rule):"
)
print(
    "  baseline, Odoo rate_shipment one after the other: "
    f"{seq_time:.3f} s, {seq_q} queries"
)
print(
    "  fulfillment_shipping, concurrent, rates stored, rule applied: "
    f"{conc_time:.3f} s, {conc_q} queries"
)
print(
    f"  speed-up x{seq_time / conc_time:.1f}; target < 1 s: "
    f"{'met' if conc_time < 1 else 'MISSED'}"
)
print(
    "  rates: "
    + ", ".join(
        f"{r.carrier_id.name} {r.price:.2f}{'*' if r.chosen else ''}"
        for r in order.shipping_rate_ids
    )
    + f" (chosen: {chosen.carrier_id.name})"
)

# ---------------------------------------------------------------- labels
label_carrier = sendcloud("Bench labels", "postnl:standard", label_srv.url)
label_team = env["crm.team"].create({"name": "Bench labels"})
orders = env["sale.order"].create(
    [
        {
            "partner_id": customer.id,
            "team_id": label_team.id,
            "carrier_id": label_carrier.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})],
        }
        for _ in range(N_LABELS)
    ]
)
orders.action_confirm()
pickings = orders.picking_ids
env.flush_all()
queries = env.cr.sql_log_count
start = time.perf_counter()
pickings.action_create_labels()
env.flush_all()
queue_time = time.perf_counter() - start
queue_q = env.cr.sql_log_count - queries
jobs = env["queue.job"].search(
    [("method_name", "=", "_fulfillment_label_job"), ("state", "=", "pending")]
)
queries = env.cr.sql_log_count
start = time.perf_counter()
for record in jobs:
    Job.load(env, record.uuid).perform()
env.flush_all()
run_time = time.perf_counter() - start
run_q = env.cr.sql_log_count - queries
labelled = pickings.filtered("carrier_tracking_ref")
print(f"labels, {N_LABELS} deliveries, Sendcloud fake API without latency:")
print(
    f"  Create labels (queue {len(jobs)} jobs): {queue_time:.3f} s, {queue_q} queries"
)
print(
    f"  jobs run in-process: {run_time:.2f} s, {len(labelled)} labelled, "
    f"{len(labelled) / run_time:.1f} labels/s, "
    f"{run_q / max(len(labelled), 1):.1f} queries per label"
)
start = time.perf_counter()
queries = env.cr.sql_log_count
action = pickings.action_print_labels()
print(
    f"  Print labels (one merged PDF): {time.perf_counter() - start:.2f} s, "
    f"{env.cr.sql_log_count - queries} queries"
)
rate_srv.stop()
label_srv.stop()
env.cr.rollback()
