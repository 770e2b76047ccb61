# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import SQL

from .common import FulfillmentCase


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10 10:00:00")
class TestCostQueries(FulfillmentCase):
    """Pricing many orders costs the same number of queries as pricing one, and
    pricing them again rewrites only what changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.orders = cls.env["sale.order"]
        for qty_a, qty_b in ((2, 0), (0, 1), (1, 1), (3, 1), (1, 2), (4, 0)):
            order = cls._order(qty_a=qty_a, qty_b=qty_b)
            order.action_confirm()
            cls._deliver(order.picking_ids)
            cls.orders |= order
        cls.CostLine = cls.env["fulfillment.cost.line"].sudo()

    def _queries(self, func, pickings):
        """Queries of ``func``, the pickings' lines deleted first (so that
        every run prices and writes everything)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "DELETE FROM fulfillment_cost_line WHERE picking_id = ANY(%s)",
                pickings.ids,
            )
        )
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_query_count_does_not_grow_with_the_orders(self):
        one = self.orders[:1].picking_ids
        every = self.orders.picking_ids
        price = self.CostLine._compute_for_pickings
        self._queries(lambda: price(one), one)  # warm caches
        queries_one = self._queries(lambda: price(one), one)
        queries_every = self._queries(lambda: price(every), every)
        self.assertEqual(queries_one, queries_every)
        self.assertEqual(len(self.orders.sudo().fulfillment_cost_line_ids.order_id), 6)
        self.assertEqual(set(self.orders.mapped("fulfillment_cost_state")), {"fixed"})

    def test_estimate_query_count_does_not_grow_with_the_orders(self):
        quotations = self.env["sale.order"]
        for qty_a, qty_b in ((2, 0), (0, 1), (1, 1), (3, 1), (1, 2), (4, 0)):
            quotations |= self._order(qty_a=qty_a, qty_b=qty_b)

        def estimate(orders):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            orders._fulfillment_estimate()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        estimate(quotations[:1])  # warm caches
        quotations.sudo().fulfillment_cost_line_ids.unlink()
        self.assertEqual(estimate(quotations[:1]), estimate(quotations[1:]))
        self.assertEqual(set(quotations.mapped("fulfillment_cost_state")), {"estimate"})

    def test_recompute_rewrites_only_changed_orders(self):
        mugs, teapot = self.orders[0], self.orders[1]
        kept = self._lines(mugs)
        old_teapot_lines = self._lines(teapot)
        cost = teapot.fulfillment_cost
        # nothing changed: pricing again keeps every line (same ids)
        self.CostLine._compute_for_pickings(self.orders.picking_ids)
        self.assertEqual(self._lines(mugs), kept)
        self.assertEqual(self._lines(teapot), old_teapot_lines)
        # the teapot is bigger now: only its orders are priced differently
        self.product_b.volume = 0.01  # too big for the small box (0.40 -> 0.80)
        self.CostLine._compute_for_pickings(self.orders.picking_ids)
        self.assertEqual(self._lines(mugs), kept)
        self.assertFalse(old_teapot_lines.exists())
        self.assertEqual(self._lines(teapot, code="M").amount, 0.8)
        self.assertAlmostEqual(teapot.fulfillment_cost, cost + 0.4)
