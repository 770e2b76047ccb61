"""Small HTTP clients of an Odoo server for the load suite: a browser-like JSON-RPC
session (what the phone scan view does) and XML-RPC (what integrators use).

Standard library and requests only; every call is timed into a ``Latencies``."""

import threading
import time
import xmlrpc.client

import requests


class RpcError(Exception):
    """Odoo answered with an error (``data`` holds Odoo's error dict)."""

    def __init__(self, message, data=None):
        super().__init__(message)
        self.data = data or {}

    @property
    def name(self):
        return self.data.get("name", "")


class Latencies:
    """Thread-safe lists of call durations (seconds) per kind."""

    def __init__(self):
        self._lock = threading.Lock()
        self.samples = {}
        self.errors = {}

    def add(self, kind, seconds):
        with self._lock:
            self.samples.setdefault(kind, []).append(seconds)

    def error(self, kind, name):
        with self._lock:
            per_kind = self.errors.setdefault(kind, {})
            per_kind[name] = per_kind.get(name, 0) + 1

    def percentiles(self, kind):
        values = sorted(self.samples.get(kind, []))
        if not values:
            return None

        def pick(q):
            return values[min(len(values) - 1, int(q * len(values)))]

        return {
            "count": len(values),
            "p50": pick(0.50),
            "p95": pick(0.95),
            "p99": pick(0.99),
        }


class JsonSession:
    """A logged-in web session calling models as the web client does."""

    def __init__(self, url, db, login, password, latencies=None, timeout=60):
        self.url = url.rstrip("/")
        self.db = db
        self.login = login
        self.password = password
        self.latencies = latencies
        self.timeout = timeout
        self.http = requests.Session()
        self._id = 0

    def _post(self, path, params):
        self._id += 1
        response = self.http.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "id": self._id, "params": params},
            timeout=self.timeout,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            error = body["error"]
            data = error.get("data") or {}
            raise RpcError(data.get("message") or error.get("message"), data)
        return body.get("result")

    def authenticate(self):
        result = self._post(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": self.password},
        )
        if not result or not result.get("uid"):
            raise RpcError(f"login refused for {self.login}")
        self.uid = result["uid"]
        return self.uid

    def call(self, model, method, args=(), kwargs=None, kind=None):
        start = time.perf_counter()
        try:
            return self._post(
                f"/web/dataset/call_kw/{model}/{method}",
                {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs or {},
                },
            )
        finally:
            if self.latencies is not None and kind:
                self.latencies.add(kind, time.perf_counter() - start)


class XmlRpcClient:
    """An integrator's XML-RPC client (one uid, password authentication)."""

    def __init__(self, url, db, login, password, latencies=None):
        self.url = url.rstrip("/")
        self.db = db
        self.password = password
        self.latencies = latencies
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise RpcError(f"login refused for {login}")
        self.models = xmlrpc.client.ServerProxy(
            f"{self.url}/xmlrpc/2/object", allow_none=True
        )

    def call(self, model, method, args=(), kwargs=None, kind=None):
        start = time.perf_counter()
        try:
            return self.models.execute_kw(
                self.db,
                self.uid,
                self.password,
                model,
                method,
                list(args),
                kwargs or {},
            )
        finally:
            if self.latencies is not None and kind:
                self.latencies.add(kind, time.perf_counter() - start)
