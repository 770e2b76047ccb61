# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""A Shopify Admin GraphQL API on 127.0.0.1 (HTTPS, self-signed), for tests.

It answers the operations shopify_connector sends for what the glue relies on,
with Shopify's request and response shapes (GraphQL Admin API 2026-01):

- ``query ShopifyOrder($id: ID!) { order(id: $id) { ... } }`` (order fetch);
- ``query InventoryLevelForItem(...)`` (inventory level read before a write);
- ``mutation InventorySetQuantities($input: ...)`` (inventory push, with
  Shopify's compare-and-set: a stale ``compareQuantity`` is a user error);
- ``mutation RunBulkQuery`` / ``query BulkOperation`` and the JSONL result file
  (the inventory reconciliation behind *Push Inventory*): inventory items with
  their levels as child rows (``__parentId``), as Shopify writes them.

The access token header is checked (401 without it, as Shopify does). Every
request is recorded. The connector's client speaks https only, so the server
has a certificate of its own, made at start; the tests point ``requests`` at it
with ``REQUESTS_CA_BUNDLE``.
"""

import datetime
import ipaddress
import json
import os
import re
import ssl
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

API_PATH = "/admin/api/2026-01/graphql.json"
OPERATION = re.compile(r"^\s*(query|mutation)\s+(\w+)")


def _self_signed(directory):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = os.path.join(directory, "cert.pem")
    key_path = os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return cert_path, key_path


class FakeShopify:
    def __init__(self, access_token):
        self.access_token = access_token
        self.orders = {}  # gid -> order payload
        self.levels = {}  # (inventory item gid, location gid) -> available
        self.requests = []  # (operation name, variables)
        self._dir = tempfile.TemporaryDirectory()
        self.cert_path, key_path = _self_signed(self._dir.name)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_path, key_path)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.shop_url = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self._dir.cleanup()

    def operations(self):
        return [name for name, _variables in self.requests]

    def bulk_rows(self):
        """JSONL rows of the inventory items and levels bulk query."""
        rows = []
        for item in sorted({item for item, _location in self.levels}):
            rows.append({"id": item, "tracked": True})
            for (level_item, location), quantity in sorted(self.levels.items()):
                if level_item == item:
                    rows.append(
                        {
                            "id": f"gid://shopify/InventoryLevel/{abs(hash(location))}",
                            "location": {"id": location},
                            "quantities": [{"name": "available", "quantity": quantity}],
                            "__parentId": item,
                        }
                    )
        return rows

    # -- GraphQL ----------
    def answer(self, name, variables):
        if name == "RunBulkQuery":
            if "inventoryItems" not in variables["query"]:
                return {"errors": [{"message": "Only inventory bulk queries here."}]}
            return {
                "data": {
                    "bulkOperationRunQuery": {
                        "bulkOperation": {
                            "id": "gid://shopify/BulkOperation/1",
                            "status": "CREATED",
                        },
                        "userErrors": [],
                    }
                }
            }
        if name == "BulkOperation":
            return {
                "data": {
                    "bulkOperation": {
                        "id": variables["id"],
                        "status": "COMPLETED",
                        "errorCode": None,
                        "objectCount": str(len(self.bulk_rows())),
                        "fileSize": None,
                        "url": f"https://{self.shop_url}/bulk/1.jsonl",
                        "partialDataUrl": None,
                    }
                }
            }
        if name == "ShopifyOrder":
            return {"data": {"order": self.orders.get(variables["id"])}}
        if name == "InventoryLevelForItem":
            key = (variables["inventoryItemId"], variables["locationId"])
            if key not in self.levels:
                return {"data": {"inventoryItem": None}}
            return {
                "data": {
                    "inventoryItem": {
                        "id": key[0],
                        "tracked": True,
                        "inventoryLevel": {
                            "id": f"gid://shopify/InventoryLevel/{abs(hash(key))}",
                            "quantities": [
                                {"name": "available", "quantity": self.levels[key]}
                            ],
                        },
                    }
                }
            }
        if name == "InventorySetQuantities":
            data = variables["input"]
            errors = []
            if data.get("name") != "available" or not data.get("reason"):
                errors.append({"code": "INVALID", "field": ["input"], "message": "bad"})
            for item in data["quantities"]:
                key = (item["inventoryItemId"], item["locationId"])
                if key not in self.levels:
                    errors.append(
                        {
                            "code": "ITEM_NOT_STOCKED_AT_LOCATION",
                            "field": ["input", "quantities"],
                            "message": "The item is not stocked at the location.",
                        }
                    )
                elif item["compareQuantity"] != self.levels[key]:
                    errors.append(
                        {
                            "code": "COMPARE_QUANTITY_STALE",
                            "field": ["input", "quantities"],
                            "message": "The compareQuantity value does not match.",
                        }
                    )
            if not errors:
                for item in data["quantities"]:
                    self.levels[(item["inventoryItemId"], item["locationId"])] = item[
                        "quantity"
                    ]
            return {
                "data": {
                    "inventorySetQuantities": {
                        "inventoryAdjustmentGroup": None
                        if errors
                        else {
                            "createdAt": "2026-01-10T10:00:00Z",
                            "reason": data.get("reason"),
                            "referenceDocumentUri": data.get("referenceDocumentUri"),
                            "changes": [],
                        },
                        "userErrors": errors,
                    }
                }
            }
        return {
            "errors": [{"message": f"Field '{name}' doesn't exist on type 'QueryRoot'"}]
        }

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body):
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self):
                if self.path != "/bulk/1.jsonl":
                    return self._send(404, {"errors": "Not Found"})
                server.requests.append(("bulk result", {}))
                raw = "".join(json.dumps(row) + "\n" for row in server.bulk_rows())
                raw = raw.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/jsonl")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_POST(self):
                if self.path != API_PATH:
                    return self._send(404, {"errors": "Not Found"})
                if self.headers.get("X-Shopify-Access-Token") != server.access_token:
                    return self._send(
                        401,
                        {"errors": "[API] Invalid API key or access token"},
                    )
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                match = OPERATION.match(payload.get("query") or "")
                name = match.group(2) if match else ""
                variables = payload.get("variables") or {}
                server.requests.append((name, variables))
                return self._send(200, server.answer(name, variables))

        return Handler
