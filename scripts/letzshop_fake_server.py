#!/usr/bin/env python3
"""A local Letzshop to try the connector without credentials.

Serves Letzshop's GraphQL API as the connector knows it (the SDL in
addons/letzshop_connector/tests/fake_letzshop.py, executed by graphql-core) with a
few demo shipments, on http://127.0.0.1:8765/graphql, API key "demo-key".

    python3 scripts/letzshop_fake_server.py [--port 8765]      (needs graphql-core)
        [--key demo-key] [--shipments 5] [--sku BOO-001 --sku ...]

Then, in Odoo: as a system administrator, set the system parameter
letzshop_connector.test_mode to 1 (Settings > Technical > System Parameters: outside
test mode only https endpoints are accepted); OMS > Configuration > Letzshop
Accounts > New, Endpoint http://127.0.0.1:8765/graphql, API Key demo-key, "Test
Connection", "Import Orders Now". Confirm an order with "Confirm on Letzshop",
deliver it with a carrier and a tracking reference: the server prints every call.
Press Ctrl+C to stop. Type "n" + Enter to add a new shipment while it runs.
"""

import argparse
import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
FAKE = HERE.parent / "addons" / "letzshop_connector" / "tests" / "fake_letzshop.py"

# Products of the demo seller (letzshop_oms_demo): SKU, EAN-13, price, name; one
# unknown SKU shows how an order with an unmapped product looks.
DEMO_CATALOG = [
    ("FOO-001", "5412345000013", 9.90, "Organic Honey 500 g"),
    ("BOO-001", "5412345000099", 18.00, "Luxembourg City Guide (EN)"),
    ("CLO-002", "5412345000181", 22.00, "T-shirt Red Lion, M"),
    ("ELE-003", "5412345000273", 29.00, "Power Bank 10,000 mAh"),
    ("UNKNOWN-42", None, 12.50, "A product the shop has not mapped yet"),
]


def load_fake():
    spec = importlib.util.spec_from_file_location("fake_letzshop", FAKE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--key", default="demo-key", help="API key to accept")
    parser.add_argument("--shipments", type=int, default=5)
    parser.add_argument(
        "--sku",
        action="append",
        help="internal reference of one of your products (repeat); "
        "default: Odoo demo products",
    )
    parser.add_argument("--unknown-every", type=int, default=4)
    args = parser.parse_args(argv)
    fake = load_fake()
    catalog = (
        [(sku, None, 19.99, sku) for sku in args.sku] if args.sku else DEMO_CATALOG
    )
    store = fake.populate(
        fake.LetzshopStore(),
        catalog,
        args.shipments,
        units_avg=2.0,
        unknown_every=args.unknown_every,
    )
    server = fake.FakeLetzshopServer(
        api_key=args.key, host=args.host, port=args.port, store=store
    ).start()
    server.on_request = lambda entry: print(
        "call:", " ".join(entry["query"].split())[:150], flush=True
    )
    print(f"Fake Letzshop on {server.url} (API key {args.key!r})")
    print(f"{len(store.shipments)} unconfirmed shipments; Ctrl+C to stop.")
    try:
        for line in sys.stdin:
            if line.strip() == "n":
                fake.populate(store, catalog, 1, seed=len(store.shipments))
                print("added shipment", store.shipments[-1]["number"])
        server._thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
