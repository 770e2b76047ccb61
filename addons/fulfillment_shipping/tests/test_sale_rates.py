# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import ShippingCase


@tagged("post_install", "-at_install")
class TestSaleRates(ShippingCase):
    def _rates(self, order):
        return {r.carrier_id.name: r for r in order.shipping_rate_ids}

    def test_button_rates_every_carrier_and_picks_the_cheapest(self):
        order = self._order()
        order.action_shop_rates()
        rates = self._rates(order)
        self.assertEqual(set(rates), set(self.carriers.mapped("name")))
        self.assertEqual(rates["Rule Post"].price, 6.5)
        self.assertEqual(rates["Fixed Courier"].price, 9.0)
        self.assertEqual(rates["API eco"].price, 3.9)
        self.assertEqual(rates["API eco"].transit_days, 5)
        # the failing and the silent carriers are listed as unavailable, with why
        self.assertFalse(rates["API down"].available)
        self.assertIn("HTTP 500: carrier down", rates["API down"].reason)
        self.assertFalse(rates["API slow"].available)
        self.assertIn("timeout", rates["API slow"].reason)
        # ... and the others are still chosen from
        self.assertTrue(rates["API eco"].chosen)
        self.assertEqual(order.shipping_rate_ids.filtered("chosen"), rates["API eco"])
        self.assertEqual(order.carrier_id, self.api["eco"])
        self.assertIn("API eco", order.shipping_rate_note)
        # the three API carriers were asked at the same time
        self.assertEqual(self.server.max_in_flight, 3)
        self.assertEqual(len(self.server.requests), 3)
        # carrier only: the customer's order is not charged
        self.assertFalse(order.order_line.filtered("is_delivery"))

    def test_rules_of_the_channel(self):
        order = self._order()
        self.team.shipping_rule = "fastest"
        order.action_shop_rates()
        self.assertEqual(order.carrier_id, self.fixed_courier)
        self.team.write({"shipping_rule": "cheapest_within", "shipping_max_days": 2})
        order.action_shop_rates()
        self.assertEqual(order.carrier_id, self.rule_post)
        self.team.write(
            {"shipping_rule": "fixed", "shipping_fixed_carrier_id": self.api["down"].id}
        )
        order.action_shop_rates()
        # the fixed carrier failed: nothing is chosen and the vendor is told
        self.assertFalse(order.shipping_rate_ids.filtered("chosen"))
        self.assertIn("API down", order.shipping_rate_note)

    def test_confirmation_rates_and_the_delivery_gets_the_carrier(self):
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.carrier_id, self.api["eco"])
        delivery = order.picking_ids
        self.assertEqual(len(delivery), 1)
        self.assertEqual(delivery.carrier_id, self.api["eco"])
        # the vendor prefers the post: the open delivery follows
        self._rates(order)["Rule Post"].action_choose()
        self.assertEqual(order.carrier_id, self.rule_post)
        self.assertEqual(delivery.carrier_id, self.rule_post)
        self.assertIn("by hand", order.shipping_rate_note)

    def test_no_rule_no_rating_on_confirmation(self):
        self.team.shipping_rule = "none"
        order = self._order()
        order.action_confirm()
        self.assertFalse(order.shipping_rate_ids)
        self.assertFalse(order.carrier_id)
        self.assertFalse(self.server.requests)

    def test_delivery_line_when_the_channel_charges_it(self):
        self.team.shipping_charge = "line"
        order = self._order()
        order.action_shop_rates()
        line = order.order_line.filtered("is_delivery")
        self.assertEqual(len(line), 1)
        self.assertEqual(line.price_unit, 3.9)
        # a customer who paid a delivery method keeps it on confirmation
        order.action_confirm()
        self.assertEqual(order.carrier_id, self.api["eco"])
        self.assertEqual(len(order.order_line.filtered("is_delivery")), 1)

    def test_fixed_rule_needs_a_carrier(self):
        with self.assertRaisesRegex(Exception, "Fixed carrier must be set"):
            self.team.shipping_rule = "fixed"
            self.team.flush_recordset()

    def test_rates_shown_on_the_form(self):
        order = self._order()
        order.action_shop_rates()
        form = Form(order.with_user(self.vendor))
        self.assertEqual(len(form.shipping_rate_ids), 5)

    def test_warehouse_worker_does_not_see_rates(self):
        order = self._order()
        order.action_shop_rates()
        with self.assertRaises(AccessError):
            order.shipping_rate_ids.with_user(self.worker).read(["price"])
        with self.assertRaises(AccessError):
            order.with_user(self.worker).action_shop_rates()
        # the vendor may rate and choose
        order.with_user(self.vendor).action_shop_rates()
        order.shipping_rate_ids.filtered("available")[:1].with_user(
            self.vendor
        ).action_choose()
