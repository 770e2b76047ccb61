# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The plain rate shopping module, without Odoo's ORM."""

from odoo.tests import BaseCase, tagged

from .. import rate_shopping
from .fake_rates import FakeRateServer
from .real_timeouts import RealTimeoutsMixin


def _rate(key, price, days, available=True, order=0):
    return {
        "key": key,
        "price": price,
        "transit_days": days,
        "available": available,
        "order": order,
    }


@tagged("post_install", "-at_install")
class TestChoose(BaseCase):
    rates = (
        _rate("post", 6.5, 2, order=0),
        _rate("dhl", 9.0, 1, order=1),
        _rate("cheap", 4.0, 5, order=2),
        _rate("free", 0.0, None, available=False, order=3),
    )

    def test_cheapest_ignores_unavailable(self):
        self.assertEqual(
            rate_shopping.choose(self.rates, "cheapest"), ("cheap", "rule")
        )

    def test_fastest(self):
        self.assertEqual(rate_shopping.choose(self.rates, "fastest"), ("dhl", "rule"))

    def test_cheapest_within(self):
        self.assertEqual(
            rate_shopping.choose(self.rates, "cheapest_within", max_days=2),
            ("post", "rule"),
        )
        self.assertEqual(
            rate_shopping.choose(self.rates, "cheapest_within", max_days=0),
            ("dhl", "fallback_fastest"),
        )

    def test_fixed(self):
        self.assertEqual(
            rate_shopping.choose(self.rates, "fixed", fixed_key="dhl"), ("dhl", "rule")
        )
        self.assertEqual(
            rate_shopping.choose(self.rates, "fixed", fixed_key="free"),
            (None, "fixed_missing"),
        )

    def test_ties_and_unknown_days(self):
        rates = [_rate("a", 5.0, None, order=0), _rate("b", 5.0, 3, order=1)]
        # same price: the one with a known, shorter transit wins
        self.assertEqual(rate_shopping.choose(rates, "cheapest")[0], "b")
        self.assertEqual(rate_shopping.choose(rates, "fastest")[0], "b")

    def test_none_available_and_bad_rule(self):
        self.assertEqual(
            rate_shopping.choose([_rate("x", 1, 1, available=False)], "cheapest"),
            (None, "none_available"),
        )
        with self.assertRaises(ValueError):
            rate_shopping.choose(self.rates, "random")


@tagged("post_install", "-at_install")
class TestFetchAll(RealTimeoutsMixin, BaseCase):
    def setUp(self):
        super().setUp()
        # a server per test: a request left waiting by a timeout test is not
        # counted in the next one
        self.server = FakeRateServer(latency=0.3, prices={"a": (4.2, 3)}).start()
        self.addCleanup(self.server.stop)

    def _req(self, path, timeout=5):
        return {
            "method": "POST",
            "url": f"{self.server.url}{path}",
            "headers": {"Accept": "application/json"},
            "json": {"parcel": {"weight": 1.0}},
            "timeout": timeout,
        }

    def test_requests_overlap(self):
        results = rate_shopping.fetch_all(
            {name: self._req(f"/rate/{name}") for name in ("a", "b", "c")}
        )
        self.assertEqual(set(results), {"a", "b", "c"})
        self.assertEqual(results["a"].status_code, 200)
        self.assertEqual(results["a"].body, {"price": 4.2, "transit_days": 3})
        # all three were being answered at the same moment
        self.assertEqual(self.server.max_in_flight, 3)

    def test_failure_and_timeout_do_not_spoil_the_others(self):
        results = rate_shopping.fetch_all(
            {
                "ok": self._req("/rate/a"),
                "down": self._req("/fail/b"),
                "slow": self._req("/slow/c", timeout=0.5),
                "nowhere": {
                    "method": "POST",
                    "url": "http://127.0.0.1:9/",
                    "timeout": 1,
                },
            }
        )
        self.assertEqual(results["ok"].status_code, 200)
        self.assertIsNone(results["ok"].error)
        self.assertEqual(results["down"].status_code, 500)
        self.assertIn("timeout", results["slow"].error)
        self.assertIsNone(results["slow"].status_code)
        self.assertIn("connection failed", results["nowhere"].error)

    def test_nothing_to_fetch(self):
        self.assertEqual(rate_shopping.fetch_all({}), {})
