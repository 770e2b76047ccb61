# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""A local fake of the VIES REST API (POST /check-vat-number), with fault injection.

Answers as VIES does (research/vat.md 6.2): ``valid`` with name, address and, when the
requester's number is sent, a consultation number; errors as HTTP 200 + ``userError``
or as ``{"actionSucceed": false, "errorWrappers": [...]}`` with a 5xx status.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeVies:
    """Behaviour per full VAT number ('FR23334175221'): valid (default), invalid,
    ms_unavailable, http500, slow, garbage."""

    def __init__(self):
        self.behaviour = {}
        self.requests = []
        self.delay = 2.0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append((self.path, body))
                if self.path.rstrip("/").split("/")[-1] != "check-vat-number":
                    return self._send(404, {"error": "not found"})
                number = f"{body.get('countryCode', '')}{body.get('vatNumber', '')}"
                mode = fake.behaviour.get(number, "valid")
                if mode == "slow":
                    time.sleep(fake.delay)
                    mode = "valid"
                if mode == "http500":
                    return self._send(
                        500,
                        {
                            "actionSucceed": False,
                            "errorWrappers": [{"error": "SERVICE_UNAVAILABLE"}],
                        },
                    )
                if mode == "garbage":
                    return self._send_raw(200, b"<html>maintenance</html>")
                if mode == "ms_unavailable":
                    return self._send(
                        200,
                        {
                            "countryCode": body["countryCode"],
                            "vatNumber": body["vatNumber"],
                            "valid": False,
                            "userError": "MS_UNAVAILABLE",
                        },
                    )
                answer = {
                    "countryCode": body["countryCode"],
                    "vatNumber": body["vatNumber"],
                    "requestDate": "2026-11-23T10:00:00.000Z",
                    "valid": mode == "valid",
                    "requestIdentifier": "WAPIAAAAZ" + body["vatNumber"][-6:]
                    if body.get("requesterNumber")
                    else "",
                    "name": "SARL ACHETEUR" if mode == "valid" else "---",
                    "address": "1 RUE DE LA PAIX\n75002 PARIS"
                    if mode == "valid"
                    else "---",
                    "userError": "VALID" if mode == "valid" else "INVALID",
                }
                return self._send(200, answer)

            def _send(self, status, data):
                self._send_raw(status, json.dumps(data).encode())

            def _send_raw(self, status, raw):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/taxation_customs/vies/rest-api"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
