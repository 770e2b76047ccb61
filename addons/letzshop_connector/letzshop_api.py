"""HTTP adapter for Letzshop's vendor GraphQL API (plain Python, no Odoo).

One class, :class:`LetzshopClient`, speaks the protocol: a POST of
``{"query": ...}`` with ``Authorization: Bearer <key>``, always with a timeout.
It never retries by itself: the caller (a queue_job job) decides, from the
exception class, whether to retry (:attr:`LetzshopError.retryable`) and when
(:attr:`LetzshopRateLimitError.retry_after`). The API key is never logged nor put
in an exception message.
"""

import email.utils
import ipaddress
import json
import logging
import time
from urllib.parse import urlsplit

import requests

from . import letzshop_schema as schema

_logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30
DEFAULT_ENDPOINT = "https://letzshop.lu/graphql"
#: Largest answer read: a page of 50 shipments is about 100 kB, so an answer far
#: larger is a fault, not data, and reading it would only fill the worker's memory.
MAX_RESPONSE_BYTES = 20 * 1024 * 1024


LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}
#: What :func:`endpoint_problem` answers, in English (the Odoo model translates).
ENDPOINT_PROBLEMS = {
    "invalid": "it is not an http(s) URL with a host name",
    "credentials": "it must not contain a user name or password",
    "https": "only https addresses are accepted",
    "internal": "it points to an internal address",
}


def endpoint_problem(url, allow_loopback_http=False):
    """Why ``url`` may not receive the API key (a code of
    :data:`ENDPOINT_PROBLEMS`), or None when it may.

    Only ``https`` URLs to a public host are accepted: the key travels with every
    call, and the Odoo server must not be made to call internal addresses. With
    ``allow_loopback_http`` (test mode only), ``http`` to this machine
    (127.0.0.1, ::1, localhost) is accepted too, for the local fake server.
    Host names are not resolved here: an https name is trusted to be public.
    """
    try:
        parts = urlsplit((url or "").strip())
        host = (parts.hostname or "").lower()
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        return "invalid"
    if parts.scheme not in ("http", "https") or not host or port == 0:
        return "invalid"
    if parts.username or parts.password:
        return "credentials"
    loopback = host in LOOPBACK_HOSTS
    if allow_loopback_http and loopback:
        return None
    if parts.scheme != "https":
        return "https"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if loopback or host.endswith(".localhost") or (address and not address.is_global):
        return "internal"
    return None


class LetzshopError(Exception):
    """Base class. ``retryable`` tells the job runner whether to try again."""

    retryable = False


class LetzshopAuthError(LetzshopError):
    """401/403: wrong or revoked key. Never retried."""


class LetzshopRateLimitError(LetzshopError):
    """429: retried after ``retry_after`` seconds (from Retry-After)."""

    retryable = True

    def __init__(self, message, retry_after=None):
        super().__init__(message)
        self.retry_after = retry_after


class LetzshopServerError(LetzshopError):
    """5xx answer."""

    retryable = True


class LetzshopNetworkError(LetzshopError):
    """Timeout, refused connection, DNS, TLS."""

    retryable = True


class LetzshopResponseError(LetzshopError):
    """A body that is not the JSON GraphQL answer we expect (proxy pages...)."""

    retryable = True


class LetzshopGraphQLError(LetzshopError):
    """The server answered with GraphQL ``errors``: our document or data is wrong."""


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0, int(when.timestamp() - now))


class LetzshopClient:
    def __init__(self, endpoint, api_key, timeout=DEFAULT_TIMEOUT, session=None):
        self.endpoint = endpoint or DEFAULT_ENDPOINT
        self.api_key = api_key
        # Never without a timeout: a silent server must not hold a worker.
        self.timeout = timeout or DEFAULT_TIMEOUT
        self.session = session or requests.Session()

    def __repr__(self):  # never show the key
        return f"<LetzshopClient {self.endpoint}>"

    # -- transport ---------------------------------------------------------------
    def execute(self, document):
        """POST one GraphQL document and return its ``data`` (dict)."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        try:
            response = self.session.post(
                self.endpoint,
                json={"query": document},
                headers=headers,
                timeout=self.timeout,
                # A redirect could send the key (or the server) elsewhere.
                allow_redirects=False,
                # Read at most MAX_RESPONSE_BYTES of the body (see _read).
                stream=True,
            )
            try:
                status = response.status_code
                content = self._read(response)
            finally:
                response.close()
        except requests.Timeout as exc:
            raise LetzshopNetworkError(
                f"Letzshop did not answer within {self.timeout} seconds "
                f"({self.endpoint})"
            ) from exc
        except requests.RequestException as exc:
            raise LetzshopNetworkError(
                f"cannot reach Letzshop at {self.endpoint}: {exc.__class__.__name__}"
            ) from exc
        if status in (401, 403):
            raise LetzshopAuthError(
                f"Letzshop refused the API key (HTTP {status}): ask Letzshop for a "
                "key with 'shop manager' rights"
            )
        if status == 429:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            raise LetzshopRateLimitError(
                f"Letzshop rate limit reached (HTTP 429, retry after {retry_after}s)",
                retry_after=retry_after,
            )
        if 300 <= status < 400:
            raise LetzshopError(
                f"Letzshop answered HTTP {status} (a redirect, not followed): "
                "check the endpoint"
            )
        if status >= 500:
            raise LetzshopServerError(f"Letzshop server error (HTTP {status})")
        try:
            body = json.loads(content)
        except ValueError as exc:
            raise LetzshopResponseError(
                f"Letzshop answered HTTP {status} with a body that is not JSON "
                f"({content[:80].decode('utf-8', 'replace')!r})"
            ) from exc
        if not isinstance(body, dict):
            raise LetzshopResponseError(
                f"Letzshop answered an unexpected JSON {type(body)}"
            )
        if body.get("errors"):
            messages = "; ".join(
                str(err.get("message", err)) if isinstance(err, dict) else str(err)
                for err in body["errors"]
            )
            raise LetzshopGraphQLError(f"Letzshop GraphQL error: {messages}")
        if status >= 400:
            raise LetzshopResponseError(f"Letzshop answered HTTP {status}")
        data = body.get("data")
        if not isinstance(data, dict):
            raise LetzshopResponseError("Letzshop answered without 'data'")
        return data

    @staticmethod
    def _read(response):
        """The body, refused when larger than MAX_RESPONSE_BYTES."""
        chunks, size = [], 0
        # iter_content turns urllib3's read errors into requests' exceptions
        for chunk in response.iter_content(chunk_size=64 * 1024):
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                raise LetzshopResponseError(
                    f"Letzshop answered more than {MAX_RESPONSE_BYTES // 1024} kB: "
                    "the answer is refused"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    # -- operations --------------------------------------------------------------
    def fetch_shipments_page(self, state, first, after=None):
        """One page: ``(nodes, next_cursor or None)``."""
        data = self.execute(schema.shipments_query(state, first, after))
        try:
            connection = data["shipments"]
            nodes = connection["nodes"] or []
            page_info = connection.get("pageInfo") or {}
        except (KeyError, TypeError, AttributeError) as exc:
            raise LetzshopResponseError(
                "Letzshop answer lacks shipments.nodes"
            ) from exc
        cursor = page_info.get("endCursor") if page_info.get("hasNextPage") else None
        if cursor is not None and cursor == after:
            raise LetzshopResponseError("Letzshop returned the same page cursor twice")
        return nodes, cursor

    def iter_shipment_pages(self, state, first=50):
        """Yield every page of shipments in ``state`` (list of shipment dicts)."""
        after = None
        while True:
            nodes, after = self.fetch_shipments_page(state, first, after)
            yield nodes
            if not after:
                return

    def confirm_inventory_units(self, decisions):
        """``decisions`` = [(unit_id, is_available)] -> {unit_id: new state}."""
        data = self.execute(schema.confirm_units_mutation(decisions))
        payload = data.get("confirmInventoryUnits") or {}
        errors = payload.get("errors") or []
        if errors:
            raise LetzshopGraphQLError(
                "Letzshop refused the confirmation: "
                + "; ".join(
                    f"{e.get('id') or ''} {e.get('message') or e.get('code')}"
                    for e in errors
                )
            )
        return {str(u["id"]): u["state"] for u in payload.get("inventoryUnits") or []}

    def set_tracking(self, shipment_id, code, provider):
        """Send a tracking number; return the tracking Letzshop echoes (or {})."""
        data = self.execute(schema.set_tracking_mutation(shipment_id, code, provider))
        payload = data.get("setShipmentTracking") or {}
        errors = payload.get("errors") or []
        if errors:
            raise LetzshopGraphQLError(
                "Letzshop refused the tracking number: "
                + "; ".join(str(e.get("message") or e.get("code")) for e in errors)
            )
        return ((payload.get("shipment") or {}).get("tracking")) or {}

    def check_connection(self):
        """Authenticate, then validate every document against the live schema.

        :return: list of ``(purpose, message)`` problems (empty: all good)
        :raise LetzshopError: when the server cannot be used at all
        """
        self.execute(schema.auth_probe_query())
        data = self.execute(schema.introspection_query())
        return schema.check_schema(data)
