# ruff: noqa: F821, E501  (runs in `odoo shell`, where `env` is defined)
"""Benchmark of delivery_sendcloud (run: scripts/bench/run.sh delivery_sendcloud
delivery_sendcloud_bench.py).

100 labels made through Odoo (``stock.picking.send_to_shipper``: rate, announce,
label PDFs attached, tracking written, chatter) against the local fake Sendcloud
server (a real HTTP server on 127.0.0.1), for one parcel and for three parcels per
delivery, with an added server latency of 0 and 50 ms. Baseline in the same run:
the same HTTP calls made by the plain client alone (no ORM). Prints labels per
second, milliseconds per label and SQL queries per label. Everything is rolled back.
"""

import importlib.util
import os
import time

import odoo.addons.delivery_sendcloud as addon
from odoo.addons.delivery_sendcloud import sendcloud_client as sc

LABELS = int(os.environ.get("SC_BENCH_LABELS", "100"))
LATENCIES = (0.0, 0.05)

spec = importlib.util.spec_from_file_location(
    "fake_sendcloud",
    os.path.join(os.path.dirname(addon.__file__), "tests", "fake_sendcloud.py"),
)
fake = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fake)

cr = env.cr
company = env.company
warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
warehouse.partner_id.write(
    {
        "street": "2 rue du Dépôt",
        "zip": "L-3895",
        "city": "Foetz",
        "country_id": env.ref("base.lu").id,
    }
)
customer = env["res.partner"].create(
    {
        "name": "Bench customer",
        "street": "12 rue de la Paix",
        "zip": "75002",
        "city": "Paris",
        "country_id": env.ref("base.fr").id,
    }
)
product = env["product.product"].create(
    {"name": "Bench lamp", "is_storable": True, "weight": 1.5, "default_code": "BL"}
)
env["stock.quant"]._update_available_quantity(
    product, warehouse.lot_stock_id, LABELS * 10
)
server = fake.FakeSendcloudServer(public_key="pk", secret_key="sk").start()
carrier = env["delivery.carrier"].create(
    {
        "name": "Bench Sendcloud",
        "delivery_type": "sendcloud",
        "product_id": env["product.product"]
        .create({"name": "Bench shipping", "type": "service"})
        .id,
        "sendcloud_shipping_option_code": "postnl:standard",
        "sendcloud_endpoint": server.url,
        "sendcloud_public_key": "pk",
        "sendcloud_secret_key": "sk",
        "prod_environment": True,
    }
)
customers = env.ref("stock.stock_location_customers")


def make_pickings(count, parcels):
    pickings = env["stock.picking"].create(
        [
            {
                "picking_type_id": warehouse.out_type_id.id,
                "partner_id": customer.id,
                "carrier_id": carrier.id,
                "parcel_count": parcels,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": customers.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": parcels,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": customers.id,
                        },
                    )
                ],
            }
            for _i in range(count)
        ]
    )
    pickings.action_confirm()
    pickings.action_assign()
    env.flush_all()
    return pickings


print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
print(
    "what                              | parcels | latency | labels | seconds | labels/s | ms/label | SQL queries/label | HTTP calls"
)
for latency in LATENCIES:
    server.latency = latency
    for parcels in (1, 3):
        pickings = make_pickings(LABELS, parcels)
        # Baseline: the plain client alone makes the same HTTP calls.
        client = sc.SendcloudClient("pk", "sk", server.url)
        payload = carrier._sendcloud_shipment_payload(pickings[0])
        rate_payload = sc.rate_payload(
            payload["from_address"],
            payload["to_address"],
            payload["parcels"],
            "postnl:standard",
            None,
        )
        server.reset()
        start = time.time()
        for i in range(LABELS):
            client.rate(rate_payload, "postnl:standard")
            result = client.announce(
                dict(payload, external_reference_id=f"bench-{latency}-{parcels}-{i}")
            )
            for parcel in result["parcels"]:
                parcel["label"] or client.label(parcel["id"])
        elapsed = time.time() - start
        print(
            f"{'baseline: HTTP calls alone':33s} | {parcels:7d} | {latency * 1000:5.0f}ms | {LABELS:6d} | "
            f"{elapsed:7.2f} | {LABELS / elapsed:8.1f} | {elapsed / LABELS * 1000:8.1f} | "
            f"{0:17.1f} | {len(server.requests):10d}"
        )
        # Through Odoo.
        server.reset()
        env.invalidate_all()
        queries = cr.sql_log_count
        start = time.time()
        for picking in pickings:
            picking.send_to_shipper()
        env.flush_all()
        elapsed = time.time() - start
        queries = cr.sql_log_count - queries
        done = pickings.filtered("carrier_tracking_ref")
        assert len(done) == LABELS, len(done)
        attachments = env["ir.attachment"].search_count(
            [("res_model", "=", "stock.picking"), ("res_id", "in", pickings.ids)]
        )
        assert attachments == LABELS * parcels, attachments
        print(
            f"{'Odoo: send_to_shipper':33s} | {parcels:7d} | {latency * 1000:5.0f}ms | {LABELS:6d} | "
            f"{elapsed:7.2f} | {LABELS / elapsed:8.1f} | {elapsed / LABELS * 1000:8.1f} | "
            f"{queries / LABELS:17.1f} | {len(server.requests):10d}"
        )
server.stop()
print(f"load average after: {os.getloadavg()[0]:.1f}")
env.cr.rollback()
print("\nrolled back")
