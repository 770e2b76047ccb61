# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rate shopping without the ORM: fetch prepared HTTP requests concurrently and
choose a rate by a channel's rule.

Nothing here touches the database, the registry or the environment: the threads
only do plain HTTP with the requests the carriers prepared in the main thread,
and the main thread turns the answers into rates afterwards. Every request has
its own timeout, and one that fails or times out is reported as an error for its
key without delaying or failing the others.
"""

from concurrent.futures import ThreadPoolExecutor

import requests

DEFAULT_TIMEOUT = 10.0
MAX_WORKERS = 8

RULE_CHEAPEST = "cheapest"
RULE_FASTEST = "fastest"
RULE_CHEAPEST_WITHIN = "cheapest_within"
RULE_FIXED = "fixed"
RULES = (RULE_CHEAPEST, RULE_FASTEST, RULE_CHEAPEST_WITHIN, RULE_FIXED)


class FetchResult:
    """The answer to one prepared request: ``status_code``, ``body`` (the decoded
    JSON for a JSON answer, else the text) and ``headers``, or ``error`` (a short
    reason: timeout, connection refused, ...)."""

    __slots__ = ("body", "error", "error_kind", "headers", "status_code", "timeout")

    def __init__(
        self,
        status_code=None,
        body=None,
        error=None,
        headers=None,
        error_kind=None,
        timeout=None,
    ):
        self.status_code = status_code
        self.body = body
        self.error = error
        #: ``timeout``, ``connection`` or ``internal``, for the caller's message
        self.error_kind = error_kind
        self.timeout = timeout
        self.headers = headers or {}

    def __repr__(self):
        return (
            f"FetchResult(status_code={self.status_code!r}, error={self.error!r}, "
            f"body={str(self.body or '')[:40]!r})"
        )


def _fetch_one(session, request):
    timeout = request.get("timeout") or DEFAULT_TIMEOUT
    try:
        response = session.request(
            request.get("method", "GET"),
            request["url"],
            headers=request.get("headers"),
            json=request.get("json"),
            data=request.get("data"),
            params=request.get("params"),
            timeout=timeout,
        )
    except requests.Timeout:
        return FetchResult(
            error=f"no answer within {timeout:g} s (timeout)",
            error_kind="timeout",
            timeout=timeout,
        )
    except requests.RequestException as exc:
        return FetchResult(
            error=f"connection failed: {exc.__class__.__name__}",
            error_kind="connection",
        )
    body = response.text
    if "json" in response.headers.get("Content-Type", ""):
        try:
            body = response.json()
        except ValueError:
            body = response.text
    return FetchResult(
        status_code=response.status_code, body=body, headers=dict(response.headers)
    )


class Fetcher:
    """Send prepared requests at the same time and collect the answers later, so
    that the caller can do other work (rate the carriers that need the ORM) while
    the requests are on the way.

    ``Fetcher(prepared).start()`` returns at once; ``results()`` waits for every
    answer (each bounded by its own timeout) and returns ``{key: FetchResult}``.
    """

    def __init__(self, prepared, max_workers=MAX_WORKERS):
        self.prepared = dict(prepared or {})
        self.workers = max(1, min(max_workers, len(self.prepared) or 1))
        self._session = None
        self._pool = None
        self._futures = {}

    def start(self):
        if not self.prepared:
            return self
        self._session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=self.workers)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._pool = ThreadPoolExecutor(
            max_workers=self.workers, thread_name_prefix="rate_shopping"
        )
        self._futures = {
            key: self._pool.submit(_fetch_one, self._session, request)
            for key, request in self.prepared.items()
        }
        return self

    def results(self):
        results = {}
        try:
            for key, future in self._futures.items():
                try:
                    results[key] = future.result()
                except Exception as exc:  # noqa: BLE001 - one carrier never fails all
                    results[key] = FetchResult(
                        error=str(exc) or repr(exc), error_kind="internal"
                    )
        finally:
            if self._pool:
                self._pool.shutdown(wait=True)
            if self._session:
                self._session.close()
        return results


def fetch_all(prepared, max_workers=MAX_WORKERS):
    """Send every prepared request at the same time.

    :param prepared: ``{key: {"method", "url", "headers", "json", "timeout"}}``
    :return: ``{key: FetchResult}`` for every key; the call takes about as long as
        the slowest request (bounded by its timeout), not the sum of all of them.
    """
    return Fetcher(prepared, max_workers=max_workers).start().results()


def _days(rate):
    days = rate.get("transit_days")
    return days if days is not None and days >= 0 else None


def _by_price(rate):
    days = _days(rate)
    return (rate["price"], days if days is not None else float("inf"), rate["order"])


def _by_speed(rate):
    days = _days(rate)
    return (days if days is not None else float("inf"), rate["price"], rate["order"])


def choose(rates, rule, max_days=None, fixed_key=None):
    """The rate a rule picks among the available ones.

    :param rates: dicts with ``key``, ``available`` (bool), ``price`` (float),
        ``transit_days`` (int or None when unknown) and ``order`` (tie-breaker,
        e.g. the carrier's sequence)
    :param rule: ``cheapest``: lowest price, then fewer days; ``fastest``: fewest
        transit days (unknown counts as slowest), then lowest price;
        ``cheapest_within``: lowest price among the rates of at most ``max_days``
        days; when none is that fast, the fastest one (the closest to the promise);
        ``fixed``: the rate of ``fixed_key`` if it is available, else none
    :return: ``(key or None, reason)``: the reason says why in plain words, as a
        code the caller translates: ``rule``, ``fallback_fastest``, ``fixed_missing``
        or ``none_available``
    """
    if rule not in RULES:
        raise ValueError(f"unknown rate shopping rule {rule!r}")
    available = [r for r in rates if r.get("available")]
    if rule == RULE_FIXED:
        match = [r for r in available if r["key"] == fixed_key]
        return (match[0]["key"], "rule") if match else (None, "fixed_missing")
    if not available:
        return None, "none_available"
    if rule == RULE_CHEAPEST:
        return min(available, key=_by_price)["key"], "rule"
    if rule == RULE_FASTEST:
        return min(available, key=_by_speed)["key"], "rule"
    if max_days is None or max_days < 0:
        raise ValueError("cheapest_within needs a number of days")
    within = [r for r in available if _days(r) is not None and _days(r) <= max_days]
    if within:
        return min(within, key=_by_price)["key"], "rule"
    return min(available, key=_by_speed)["key"], "fallback_fastest"
