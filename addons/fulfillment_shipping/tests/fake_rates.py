# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A tiny rate API on 127.0.0.1 for the tests: ``POST /rate/<name>`` answers
``{"price": ..., "transit_days": ...}`` after a latency, ``/fail/<name>`` answers
500 and ``/slow/<name>`` never answers in time. It records when each request
started and ended, so that a test proves requests overlapped without timing."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeRateServer:
    def __init__(self, latency=0.3, prices=None):
        self.latency = latency
        self.prices = prices or {}
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                with server.lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                    server.requests.append(self.path)
                try:
                    kind, _sep, name = self.path.strip("/").partition("/")
                    time.sleep(server.latency * (10 if kind == "slow" else 1))
                    if kind == "fail":
                        body, status = {"error": {"message": "carrier down"}}, 500
                    else:
                        price, days = server.prices.get(name, (5.0, 2))
                        body, status = {"price": price, "transit_days": days}, 200
                    data = json.dumps(body).encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    # the client gave up waiting (timeout test)
                    self.close_connection = True
                finally:
                    with server.lock:
                        server.in_flight -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
