# Benchmark of sale_channel_rma, run inside `odoo shell` (variable `env`):
#   scripts/bench/run.sh sale_channel_rma sale_channel_rma_bench.py
# N delivered Letzshop orders (SCRMA_BENCH_RETURNS, default 200), one unit each;
# Letzshop then reports each unit returned: the import applies the unit states of
# every shipment (letzshop.shipment._letzshop_apply_unit_states), which creates and
# confirms one RMA per returned unit (receipt into the returns bin included).
# Figures: time and SQL queries per return; the same import seen again (must create
# nothing). Baseline in the same run: the same returns registered with rma_sale's own
# order wizard (what a vendor does by hand: wizard, create, confirm), on a sample.
# Everything is rolled back at the end.
# ruff: noqa: F821
import os
import time

from odoo import Command

N = int(os.environ.get("SCRMA_BENCH_RETURNS", "200"))
N_BASELINE = min(N, int(os.environ.get("SCRMA_BENCH_BASELINE", "50")))

env = env(context=dict(env.context, tracking_disable=True))
company = env.company
warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
product = env["product.product"].create(
    {"name": "Bench returned mug", "type": "consu", "is_storable": True}
)
env["stock.quant"]._update_available_quantity(
    product, warehouse.lot_stock_id, 2 * (N + N_BASELINE)
)
team = env["crm.team"].create({"name": "Bench Letzshop"})
account = env["letzshop.account"].create(
    {"name": "Bench shop", "team_id": team.id, "warehouse_id": warehouse.id}
)
partner = env["res.partner"].create(
    {"name": "Bench returner", "email": "returner@example.com"}
)


def delivered_orders(count, prefix):
    orders = env["sale.order"].create(
        [
            {
                "partner_id": partner.id,
                "team_id": team.id,
                "warehouse_id": warehouse.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "letzshop_unit_ids": [f"{prefix}-{i}"],
                            "letzshop_unit_states": {f"{prefix}-{i}": "confirmed"},
                            "letzshop_price_unit": 19.9,
                        }
                    )
                ],
            }
            for i in range(count)
        ]
    )
    orders.action_confirm()
    pickings = orders.picking_ids
    for move in pickings.move_ids:
        move.quantity = move.product_uom_qty
    pickings.move_ids.picked = True
    pickings.with_context(skip_backorder=True).button_validate()
    return orders


t0 = time.perf_counter()
orders = delivered_orders(N, "bench-unit")
shipments = env["letzshop.shipment"].create(
    [
        {
            "name": f"H{i:09d}",
            "letzshop_id": f"bench-shipment-{i}",
            "account_id": account.id,
            "sale_order_id": order.id,
        }
        for i, order in enumerate(orders)
    ]
)
env.flush_all()
print(f"setup: {N} delivered Letzshop orders in {time.perf_counter() - t0:.1f} s")

# -- the import: every unit returned ------------------------------------------
env.invalidate_all()
queries = env.cr.sql_log_count
t0 = time.perf_counter()
for i, shipment in enumerate(shipments):
    shipment._letzshop_apply_unit_states({f"bench-unit-{i}": "returned"})
env.flush_all()
elapsed = time.perf_counter() - t0
queries = env.cr.sql_log_count - queries
rmas = env["rma"].search([("letzshop_unit_id", "like", "bench-unit-")])
assert len(rmas) == N, len(rmas)
assert set(rmas.mapped("state")) == {"confirmed"}
print(
    f"import of {N} Letzshop returns: {elapsed:.2f} s, "
    f"{1000 * elapsed / N:.1f} ms and {queries / N:.0f} SQL queries per return"
)

# -- the same import seen again -------------------------------------------------
env.invalidate_all()
queries = env.cr.sql_log_count
t0 = time.perf_counter()
for i, shipment in enumerate(shipments):
    shipment._letzshop_apply_unit_states({f"bench-unit-{i}": "returned"})
env.flush_all()
elapsed = time.perf_counter() - t0
queries = env.cr.sql_log_count - queries
assert env["rma"].search_count([("letzshop_unit_id", "like", "bench-unit-")]) == N
print(
    f"re-import (nothing new): {elapsed:.2f} s, "
    f"{queries / N:.0f} SQL queries per shipment, 0 RMA created"
)

# -- baseline: rma_sale's own wizard, per order ---------------------------------
base_orders = delivered_orders(N_BASELINE, "bench-base")
env.flush_all()
env.invalidate_all()
queries = env.cr.sql_log_count
t0 = time.perf_counter()
for order in base_orders:
    action = order.action_create_rma()
    wizard = env[action["res_model"]].browse(action["res_id"])
    wizard.operation_id = env.ref("rma.rma_operation_refund")
    wizard.create_and_open_rma()
env.flush_all()
elapsed = time.perf_counter() - t0
queries = env.cr.sql_log_count - queries
print(
    f"baseline, rma_sale's order wizard on {N_BASELINE} orders: "
    f"{1000 * elapsed / N_BASELINE:.1f} ms and "
    f"{queries / N_BASELINE:.0f} SQL queries per return"
)
env.cr.rollback()
