# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A local HTTP server that mirrors the part of Sendcloud's API v3 this addon uses.

Usage (tests, benchmarks, other addons)::

    from odoo.addons.delivery_sendcloud.tests.fake_sendcloud import FakeSendcloudServer

    with FakeSendcloudServer(public_key="pk", secret_key="sk", latency=0.3) as srv:
        carrier.sudo().write({"sendcloud_endpoint": srv.url, ...})
        srv.fail("announce", 422)            # next announce answers 422
        srv.fail("rates", 429, retry_after=7)
        srv.fail("label", "timeout", delay=3)  # sleeps 3 s, then answers
        srv.requests                          # every request received
        srv.calls("announce")                 # the requests of one endpoint

Constructor: ``FakeSendcloudServer(public_key="test-public", secret_key="test-secret",
latency=0.0, prices=None)``; ``start()``/``stop()`` or use it as a context manager.
``url`` is the API base (``http://127.0.0.1:<random port>/api/v3``).
``latency`` (seconds) is added to every answer. ``prices`` maps shipping option
codes to ``(price in EUR, lead time in hours)``; an unknown code has no option.

Endpoints (names for :meth:`fail`), as documented on https://sendcloud.dev/api/v3:

- ``rates``: ``POST /shipping-options``
- ``announce``: ``POST /shipments/announce`` (1 to 15 parcels; ``label_file`` inline
  for a single parcel)
- ``label``: ``GET /parcels/<id>/documents/label`` (a small valid PDF)
- ``cancel``: ``POST /shipments/<id>/cancel`` (200, then 409 once cancelled)
- ``shipments``: ``GET /shipments?external_reference_id=...`` (the shipments made
  with that reference; an announce reusing a reference gets 409)

Faults: ``fail(endpoint, kind, times=1, retry_after=5, delay=None, pointer=None,
detail=None)`` where kind is 401, 422 (JSON:API error naming ``pointer``), 429 (with
``Retry-After``), 500, ``"timeout"`` (does the work, then sleeps ``delay``
seconds, default 5, before answering: an announce that times out has created its
shipment, as when an answer is lost) or ``"refused"`` (announce only: 201 with a
carrier error in ``data.errors``). ``times=None`` keeps the fault until
:meth:`clear_faults`. Wrong Basic credentials always give 401 in Sendcloud's
error shape.
"""

import base64
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DEFAULT_PRICES = {
    "postnl:standard": (4.95, 24),
    "dpd:home": (6.50, 48),
    "bpost:home": (5.80, 24),
    "sendcloud:letter": (0.0, 72),
}
REQUIRED_ADDRESS = ("name", "address_line_1", "postal_code", "city", "country_code")


def make_pdf(text):
    """A small valid one-page PDF showing ``text`` (ASCII)."""
    text = text.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _error(status, code, detail, pointer=None):
    error = {"status": str(status), "code": code, "detail": detail}
    if pointer:
        error["source"] = {"pointer": pointer}
    return {"errors": [error]}


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeSendcloud/3"

    def log_message(self, *args):  # keep test logs quiet
        return

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    # -- plumbing ----------------------------------------------------------------------
    def _reply(self, status, body, content_type="application/json", headers=None):
        data = json.dumps(body).encode() if content_type == "application/json" else body
        if getattr(self, "_delay_reply", None):
            time.sleep(self._delay_reply)
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (timeout test): nothing to answer to.
            return

    def _route(self, method, path):
        parts = [p for p in path.split("?")[0].split("/") if p]
        if parts[:2] != ["api", "v3"]:
            return None, None
        parts = parts[2:]
        if method == "POST" and parts == ["shipping-options"]:
            return "rates", None
        if method == "POST" and parts == ["shipments", "announce"]:
            return "announce", None
        if method == "GET" and parts == ["shipments"]:
            return "shipments", None
        if (
            method == "GET"
            and len(parts) == 4
            and parts[0] == "parcels"
            and parts[2:] == ["documents", "label"]
        ):
            return "label", parts[1]
        if (
            method == "POST"
            and len(parts) == 3
            and parts[0] == "shipments"
            and parts[2] == "cancel"
        ):
            return "cancel", parts[1]
        return None, None

    def _dispatch(self, method):
        server = self.server.fake
        self._delay_reply = None
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = raw.decode(errors="replace")
        endpoint, ident = self._route(method, self.path)
        server._record(endpoint, method, self.path, payload, dict(self.headers))
        if server.latency:
            time.sleep(server.latency)
        if endpoint is None:
            return self._reply(404, _error(404, "not_found", "Not found"))
        if self.headers.get("Authorization") != server.expected_auth:
            return self._reply(
                401,
                _error(401, "authentication_failed", "Invalid username/password."),
            )
        fault = server._take_fault(endpoint)
        if fault:
            kind = fault["kind"]
            if kind == "timeout":
                self._delay_reply = fault["delay"] if fault["delay"] is not None else 5
            elif kind == 401:
                return self._reply(
                    401,
                    _error(401, "authentication_failed", "Invalid username/password."),
                )
            elif kind == 422:
                return self._reply(
                    422,
                    _error(
                        422,
                        "invalid",
                        fault["detail"] or "Ensure this value is greater than 0.",
                        fault["pointer"] or "/parcels/0/weight/value",
                    ),
                )
            elif kind == 429:
                return self._reply(
                    429,
                    _error(429, "throttled", "Request was throttled."),
                    headers={"Retry-After": str(fault["retry_after"])},
                )
            elif kind == 500:
                return self._reply(
                    500, _error(500, "server_error", "Internal server error.")
                )
            elif kind == "refused" and endpoint == "announce":
                return self._announce(payload, refused=fault["detail"] or True)
        handler = getattr(self, f"_{endpoint}")
        return handler(ident) if ident is not None else handler(payload)

    def _shipments(self, _payload):
        server = self.server.fake
        query = parse_qs(urlsplit(self.path).query)
        reference = (query.get("external_reference_id") or [None])[0]
        with server.lock:
            data = [
                shipment["data"]
                for shipment in server.shipments.values()
                if reference is None
                or shipment["data"].get("external_reference_id") == reference
            ]
        return self._reply(200, {"data": data})

    # -- endpoints ---------------------------------------------------------------------
    def _validate_parcels(self, payload, maximum):
        parcels = payload.get("parcels")
        if not isinstance(parcels, list) or not parcels:
            return _error(400, "required", "This field is required.", "/parcels")
        if len(parcels) > maximum:
            return _error(
                400,
                "invalid",
                f"Ensure this field has no more than {maximum} elements.",
                "/parcels",
            )
        for index, parcel in enumerate(parcels):
            weight = (parcel or {}).get("weight") or {}
            try:
                value = float(weight.get("value"))
            except (TypeError, ValueError):
                value = 0
            if value <= 0 or weight.get("unit") not in ("kg", "g", "lbs", "oz"):
                return _error(
                    400,
                    "invalid",
                    "Ensure this value is greater than 0.",
                    f"/parcels/{index}/weight/value",
                )
        return None

    def _validate_address(self, payload, key):
        address = payload.get(key)
        if not isinstance(address, dict):
            return _error(400, "required", "This field is required.", f"/{key}")
        for field in REQUIRED_ADDRESS:
            if not address.get(field):
                return _error(
                    400, "required", "This field is required.", f"/{key}/{field}"
                )
        return None

    def _rates(self, payload):
        server = self.server.fake
        if not isinstance(payload, dict):
            return self._reply(400, _error(400, "invalid", "JSON body expected."))
        for key in ("from_address", "to_address"):
            problem = self._validate_address(payload, key)
            if problem:
                return self._reply(400, problem)
        problem = self._validate_parcels(payload, 50)
        if problem:
            return self._reply(400, problem)
        code = payload.get("shipping_option_code")
        codes = [code] if code else list(server.prices)
        data = []
        for option in codes:
            if option not in server.prices:
                continue
            price, lead_time = server.prices[option]
            total = price * len(payload["parcels"])
            data.append(
                {
                    "code": option,
                    "name": option,
                    "carrier": {"code": option.split(":")[0]},
                    "functionalities": {"multicollo": True},
                    "quotes": [
                        {
                            "price": {
                                "breakdown": [
                                    {
                                        "type": "price_without_insurance",
                                        "label": "Label",
                                        "price": {
                                            "value": f"{total:.2f}",
                                            "currency": "EUR",
                                        },
                                    }
                                ],
                                "total": {"value": f"{total:.2f}", "currency": "EUR"},
                            },
                            "lead_time": lead_time,
                        }
                    ]
                    if payload.get("calculate_quotes")
                    else None,
                }
            )
        return self._reply(200, {"data": data})

    def _announce(self, payload, refused=False):
        server = self.server.fake
        if not isinstance(payload, dict):
            return self._reply(400, _error(400, "invalid", "JSON body expected."))
        for key in ("from_address", "to_address"):
            problem = self._validate_address(payload, key)
            if problem:
                return self._reply(400, problem)
        problem = self._validate_parcels(payload, 15)
        if problem:
            return self._reply(400, problem)
        code = ((payload.get("ship_with") or {}).get("properties") or {}).get(
            "shipping_option_code"
        )
        if code not in server.prices:
            return self._reply(
                400,
                _error(
                    400,
                    "invalid_choice",
                    f'"{code}" is not a valid choice.',
                    "/ship_with/properties/shipping_option_code",
                ),
            )
        reference = payload.get("external_reference_id")
        with server.lock:
            reused = reference and any(
                s["data"].get("external_reference_id") == reference
                for s in server.shipments.values()
            )
        if reused:
            return self._reply(
                409,
                _error(409, "invalid", "external_reference_id must be unique."),
            )
        shipment_id = server._new_id("shipment")
        single = len(payload["parcels"]) == 1
        parcels = []
        for parcel in payload["parcels"]:
            parcel_id = int(server._new_id("parcel"))
            tracking = "" if refused else f"3SSEND{parcel_id:08d}"
            if tracking:
                server.labels[parcel_id] = make_pdf(f"Sendcloud label {tracking}")
            parcels.append(
                dict(
                    parcel,
                    id=parcel_id,
                    status={
                        "code": "ANNOUNCEMENT_FAILED" if refused else "READY_TO_SEND",
                        "message": "Announcement failed"
                        if refused
                        else "Ready to send",
                    },
                    documents=[]
                    if refused
                    else [
                        {
                            "type": "label",
                            "size": "a6",
                            "link": f"{server.url}/parcels/{parcel_id}/documents/label",
                        }
                    ],
                    tracking_number=tracking or None,
                    tracking_url=None
                    if refused
                    else "https://tracking.sendcloud.sc/forward?carrier="
                    f"{code.split(':')[0]}&code={tracking}",
                    label_file=base64.b64encode(server.labels[parcel_id]).decode()
                    if single and not refused
                    else None,
                )
            )
        errors = []
        if refused:
            errors.append(
                {
                    "status": "500",
                    "code": "parcel_announcement_error",
                    "detail": refused
                    if isinstance(refused, str)
                    else "Service error: the carrier refused the address.",
                }
            )
        shipment = {
            "id": shipment_id,
            "parcels": parcels,
            "from_address": payload["from_address"],
            "to_address": payload["to_address"],
            "ship_with": payload.get("ship_with"),
            "reference": payload.get("reference"),
            "external_reference_id": reference,
            "errors": errors,
        }
        with server.lock:
            server.shipments[shipment_id] = {"data": shipment, "status": "announced"}
        return self._reply(201, {"data": shipment})

    def _label(self, parcel_id):
        server = self.server.fake
        try:
            pdf = server.labels.get(int(parcel_id))
        except ValueError:
            pdf = None
        if pdf is None:
            return self._reply(
                404, _error(404, "not_found", "No Parcel matches the given query.")
            )
        return self._reply(200, pdf, content_type="application/pdf")

    def _cancel(self, shipment_id):
        server = self.server.fake
        with server.lock:
            shipment = server.shipments.get(shipment_id)
            if shipment is None:
                return self._reply(404, _error(404, "not_found", "Not found"))
            if shipment["status"] == "cancelled":
                return self._reply(
                    409,
                    _error(409, "invalid", "This shipment is already being cancelled."),
                )
            shipment["status"] = "cancelled"
        return self._reply(
            200, {"data": {"status": "cancelled", "message": "Shipment cancelled"}}
        )


class FakeSendcloudServer:
    """See the module docstring."""

    ENDPOINTS = ("rates", "announce", "label", "cancel", "shipments")

    def __init__(
        self,
        public_key="test-public",
        secret_key="test-secret",
        latency=0.0,
        prices=None,
        host="127.0.0.1",
        port=0,
    ):
        self.public_key = public_key
        self.secret_key = secret_key
        self.latency = latency
        self.prices = dict(DEFAULT_PRICES if prices is None else prices)
        self.host = host
        self.port = port
        self.lock = threading.Lock()
        self.requests = []
        self.shipments = {}
        self.labels = {}
        self._faults = {}
        self._ids = itertools.count(383707300)
        self._httpd = None
        self._thread = None

    @property
    def expected_auth(self):
        token = base64.b64encode(
            f"{self.public_key}:{self.secret_key}".encode()
        ).decode()
        return f"Basic {token}"

    @property
    def url(self):
        return f"http://{self.host}:{self.port}/api/v3"

    def start(self):
        self._httpd = ThreadingHTTPServer((self.host, self.port), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="fake-sendcloud", daemon=True
        )
        self._thread.start()
        return self

    def stop(self):
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- faults and records ------------------------------------------------------------
    def fail(
        self,
        endpoint,
        kind,
        times=1,
        retry_after=5,
        delay=None,
        pointer=None,
        detail=None,
    ):
        if endpoint not in self.ENDPOINTS:
            raise ValueError(f"unknown endpoint {endpoint!r}: {self.ENDPOINTS}")
        with self.lock:
            self._faults[endpoint] = {
                "kind": kind,
                "times": times,
                "retry_after": retry_after,
                "delay": delay,
                "pointer": pointer,
                "detail": detail,
            }

    def clear_faults(self):
        with self.lock:
            self._faults.clear()

    def reset(self):
        """Forget faults, requests, shipments and labels."""
        with self.lock:
            self._faults.clear()
            self.requests.clear()
            self.shipments.clear()
            self.labels.clear()

    def calls(self, endpoint):
        with self.lock:
            return [r for r in self.requests if r["endpoint"] == endpoint]

    def _take_fault(self, endpoint):
        with self.lock:
            fault = self._faults.get(endpoint)
            if not fault:
                return None
            if fault["times"] is not None:
                fault["times"] -= 1
                if fault["times"] <= 0:
                    del self._faults[endpoint]
            return fault

    def _record(self, endpoint, method, path, payload, headers):
        with self.lock:
            self.requests.append(
                {
                    "endpoint": endpoint,
                    "method": method,
                    "path": path,
                    "json": payload,
                    "headers": headers,
                }
            )

    def _new_id(self, _kind):
        with self.lock:
            return str(next(self._ids))
