"""A local stand-in for Letzshop's GraphQL API, executed by graphql-core.

Used by the tests, the benchmark and ``scripts/letzshop_fake_server.py``. It serves
the SDL below (our model of the part of Letzshop's schema the connector uses), so a
misspelt field in a query fails exactly as it would against Letzshop. Faults can be
queued (``server.faults``): HTTP status with headers and body, a delay longer than
the client's timeout, malformed JSON, GraphQL errors.

Standalone on purpose (only graphql-core and the standard library): the script in
``scripts/`` loads this file by path, without Odoo.
"""

import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from graphql import build_schema, graphql_sync

SDL = """
type Query {
  shipments(state: ShipmentState!, first: Int, after: String): ShipmentConnection!
}
type Mutation {
  confirmInventoryUnits(
    input: ConfirmInventoryUnitsInput!
  ): ConfirmInventoryUnitsPayload!
  setShipmentTracking(input: SetShipmentTrackingInput!): SetShipmentTrackingPayload!
}
enum ShipmentState { unconfirmed confirmed declined }
enum InventoryUnitState {
  unconfirmed confirmed_available confirmed_unavailable returned
}
enum TradeIdParser { gtin14 gtin13 gtin12 gtin8 isbn13 isbn10 }
type ShipmentConnection { nodes: [Shipment!]! pageInfo: PageInfo! }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type Shipment {
  id: ID!
  number: String!
  state: ShipmentState!
  order: Order!
  inventoryUnits: [InventoryUnit!]!
  tracking: Tracking
}
type Tracking { code: String provider: String }
type Order {
  id: ID!
  number: String!
  email: String
  total: Float
  completedAt: String
  locale: String
  shipAddress: Address
  billAddress: Address
}
type Address {
  firstName: String
  lastName: String
  company: String
  streetName: String
  streetNumber: String
  city: String
  zipCode: String
  phone: String
  country: Country
}
type Country { name: String iso: String }
type InventoryUnit { id: ID! state: InventoryUnitState! variant: Variant! }
type Variant {
  id: ID!
  sku: String
  mpn: String
  price: Float
  tradeId: TradeId
  product: Product
}
type TradeId { number: String parser: TradeIdParser }
type Product { name: TranslatedString _brand: BrandUnion }
union BrandUnion = Brand | BrandUnknown
type Brand { name: String }
type BrandUnknown { name: String }
type TranslatedString { en: String fr: String de: String }
input ConfirmInventoryUnitsInput { inventoryUnits: [InventoryUnitDecision!]! }
input InventoryUnitDecision { inventoryUnitId: ID! isAvailable: Boolean! }
type ConfirmInventoryUnitsPayload {
  inventoryUnits: [InventoryUnit!]
  errors: [MutationError!]
}
type MutationError { id: ID code: String message: String }
input SetShipmentTrackingInput { shipmentId: ID! code: String! provider: String! }
type SetShipmentTrackingPayload { shipment: Shipment errors: [MutationError!] }
"""


def _shipment_state(shipment):
    states = {u["state"] for u in shipment["inventoryUnits"]}
    if "unconfirmed" in states:
        return "unconfirmed"
    if states <= {"confirmed_unavailable"}:
        return "declined"
    return "confirmed"


class LetzshopStore:
    """The fake's data: shipments as plain dicts, in the shape of the SDL."""

    def __init__(self, first_id=1000):
        """``first_id``: where the ids start (two stores faking two Letzshop
        vendors get disjoint ranges, as Letzshop's ids are global)."""
        self.shipments = []
        self.lock = threading.Lock()
        self._seq = first_id

    def next_id(self):
        self._seq += 1
        return str(self._seq)

    def add_shipment(self, lines, email="anna.muller@example.lu", locale="fr", **kw):
        """``lines`` = [(sku, ean, price, qty, name)], returns the shipment dict."""
        address = {
            "firstName": kw.get("first_name", "Anna"),
            "lastName": kw.get("last_name", "Muller"),
            "company": None,
            "streetName": kw.get("street", "Grand-Rue"),
            "streetNumber": kw.get("street_number", "12"),
            "city": kw.get("city", "Luxembourg"),
            "zipCode": kw.get("zip", "1660"),
            "phone": kw.get("phone", "+352 621 000 000"),
            "country": {"name": "Luxembourg", "iso": kw.get("country", "LU")},
        }
        ship_address = dict(address, **kw.get("ship_overrides", {}))
        if "ship_country" in kw:
            ship_address["country"] = {
                "name": kw["ship_country"],
                "iso": kw["ship_country"],
            }
        units = []
        total = 0.0
        for sku, ean, price, qty, name in lines:
            variant = {
                "id": "V-" + (sku or ean or self.next_id()),
                "sku": sku,
                "mpn": None,
                "price": price,
                "tradeId": {"number": ean, "parser": "gtin13"} if ean else None,
                "product": {
                    "name": {"en": name, "fr": name + " (fr)", "de": name + " (de)"},
                    "_brand": None,
                },
            }
            for _i in range(qty):
                units.append(
                    {"id": self.next_id(), "state": "unconfirmed", "variant": variant}
                )
                total += price
        number = kw.get("number") or "R" + self.next_id()
        shipment = {
            "id": kw.get("id") or "S" + self.next_id(),
            "number": "H" + number,
            "order": {
                "id": "O" + self.next_id(),
                "number": number,
                "email": email,
                "total": round(total, 2),
                "completedAt": kw.get("completed_at", "2026-11-20T10:00:00Z"),
                "locale": locale,
                "shipAddress": ship_address,
                "billAddress": address,
            },
            "inventoryUnits": units,
            "tracking": None,
        }
        with self.lock:
            self.shipments.append(shipment)
        return shipment

    def units(self):
        return {u["id"]: u for s in self.shipments for u in s["inventoryUnits"]}

    # -- resolvers ---------------------------------------------------------------
    def resolve_shipments(self, _info, state, first=None, after=None):
        with self.lock:
            selected = [s for s in self.shipments if _shipment_state(s) == state]
            start = int(after) if after else 0
            size = first or 100
            page = selected[start : start + size]
            for shipment in page:
                shipment["state"] = _shipment_state(shipment)
            has_next = start + size < len(selected)
            return {
                "nodes": page,
                "pageInfo": {
                    "hasNextPage": has_next,
                    "endCursor": str(start + size) if has_next else None,
                },
            }

    def resolve_confirm(self, _info, input):
        units = self.units()
        errors, changed = [], []
        with self.lock:
            for decision in input["inventoryUnits"]:
                unit = units.get(decision["inventoryUnitId"])
                if unit is None:
                    errors.append(
                        {
                            "id": decision["inventoryUnitId"],
                            "code": "not_found",
                            "message": "unknown inventory unit",
                        }
                    )
                    continue
                if unit["state"] == "unconfirmed":
                    unit["state"] = (
                        "confirmed_available"
                        if decision["isAvailable"]
                        else "confirmed_unavailable"
                    )
                changed.append(unit)
        return {"inventoryUnits": changed, "errors": errors}

    def resolve_tracking(self, _info, input):
        with self.lock:
            for shipment in self.shipments:
                if shipment["id"] == input["shipmentId"]:
                    shipment["tracking"] = {
                        "code": input["code"],
                        "provider": input["provider"],
                    }
                    shipment["state"] = _shipment_state(shipment)
                    return {"shipment": shipment, "errors": []}
        return {
            "shipment": None,
            "errors": [{"code": "not_found", "message": "unknown shipment"}],
        }


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeLetzshop/1.0"

    def log_message(self, *args):  # keep test logs quiet
        pass

    def _send(self, status, body, headers=None, content_type="application/json"):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            payload = json.loads(raw or b"{}")
        except ValueError:
            payload = {}
        entry = {
            "authorization": self.headers.get("Authorization"),
            "query": payload.get("query", ""),
        }
        server.requests.append(entry)
        if server.on_request:
            server.on_request(entry)
        fault = server.faults.pop(0) if server.faults else None
        if fault:
            if fault.get("delay"):
                time.sleep(fault["delay"])
            if fault.get("status"):
                self._send(
                    fault["status"],
                    fault.get("body", ""),
                    fault.get("headers"),
                    fault.get("content_type", "text/plain"),
                )
                return
            if "body" in fault:
                self._send(200, fault["body"])
                return
        if (
            server.api_key
            and self.headers.get("Authorization") != f"Bearer {server.api_key}"
        ):
            self._send(401, json.dumps({"errors": [{"message": "unauthorized"}]}))
            return
        result = graphql_sync(
            server.schema,
            payload.get("query", ""),
            root_value=server.root,
            variable_values=payload.get("variables"),
        )
        body = {"data": result.data}
        if result.errors:
            body["errors"] = [{"message": err.message} for err in result.errors]
        self._send(200, json.dumps(body))


class FakeLetzshopServer(ThreadingHTTPServer):
    """``with FakeLetzshopServer(api_key="k") as srv: srv.url ...``"""

    daemon_threads = True

    def __init__(
        self, api_key="test-key", host="127.0.0.1", port=0, store=None, sdl=SDL
    ):
        super().__init__((host, port), _Handler)
        self.api_key = api_key
        self.store = store or LetzshopStore()
        self.schema = build_schema(sdl)
        self.root = {
            "shipments": self.store.resolve_shipments,
            "confirmInventoryUnits": self.store.resolve_confirm,
            "setShipmentTracking": self.store.resolve_tracking,
        }
        self.faults = []
        self.requests = []
        self.on_request = None  # callable(entry), e.g. to print each call
        self._thread = None

    @property
    def url(self):
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/graphql"

    def start(self):
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()
        if self._thread:
            self._thread.join(5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def populate(store, catalog, count, units_avg=2.5, seed=42, unknown_every=0):
    """Add ``count`` shipments drawing from ``catalog`` = [(sku, ean, price, name)].

    About ``units_avg`` units per shipment; every ``unknown_every``-th shipment also
    has a unit of a product Odoo does not know (0: never)."""
    rng = random.Random(seed)
    countries = ["LU", "LU", "LU", "FR", "DE", "BE"]
    for index in range(count):
        units_left = max(1, round(rng.uniform(1, 2 * units_avg - 1)))
        lines = []
        while units_left > 0:
            sku, ean, price, name = rng.choice(catalog)
            qty = min(units_left, rng.choice([1, 1, 2]))
            lines.append((sku, ean, price, qty, name))
            units_left -= qty
        if unknown_every and index % unknown_every == unknown_every - 1:
            lines.append((f"NOPE-{index}", None, 9.99, 1, "Unknown gadget"))
        customer = rng.randrange(max(1, count // 2))
        store.add_shipment(
            lines,
            email=f"customer{customer}@example.com",
            locale=rng.choice(["fr", "de", "en"]),
            first_name="Customer",
            last_name=str(customer),
            ship_country=rng.choice(countries),
        )
    return store
