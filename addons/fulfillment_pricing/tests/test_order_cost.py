# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import FulfillmentCase

# Order of 2 mugs + 1 teapot (3 units, 2 SKUs, 2 kg, 0.004 m³) on the test card:
# base 1.00 + first unit 0.50 + 2 x 0.25 + 1 additional SKU 0.10 = 2.10 pick & pack;
# small box 0.40 + insert 0.05; carrier 5.00 (<= 5 kg rule) + 10 % fuel 0.50.
EXPECTED = {"pick_pack": 2.10, "packaging": 0.45, "carrier": 5.50}
EXPECTED_TOTAL = 8.05


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10 10:00:00")
class TestOrderCost(FulfillmentCase):
    def _by_component(self, lines):
        result = {}
        for line in lines:
            result[line.component] = round(
                result.get(line.component, 0) + line.amount, 2
            )
        return result

    def test_quotation_estimate_then_fixed_on_delivery(self):
        order = self._order()
        with Form(order) as form:
            self.assertEqual(form.fulfillment_cost_state, "none")
        order.action_fulfillment_estimate()
        self.assertEqual(order.fulfillment_cost_state, "estimate")
        self.assertAlmostEqual(order.fulfillment_cost, EXPECTED_TOTAL)
        self.assertEqual(self._by_component(self._lines(order)), EXPECTED)
        line = self._lines(order, code="additional")
        self.assertEqual((line.quantity, line.unit_price, line.amount), (2, 0.25, 0.5))
        self.assertEqual(line.rate_card_id, self.card)
        self.assertEqual(
            self._lines(order, component="packaging", code="S").name, "Small box"
        )

        order.action_confirm()
        self.assertEqual(order.fulfillment_cost_state, "estimate")
        self._deliver(order.picking_ids)
        self.assertEqual(order.fulfillment_cost_state, "fixed")
        lines = self._lines(order)
        self.assertEqual(set(lines.mapped("state")), {"fixed"})
        self.assertEqual(lines.picking_id, order.picking_ids)
        self.assertEqual(self._by_component(lines), EXPECTED)
        self.assertTrue(all(line.team_id == self.team for line in lines))
        self.assertEqual(lines.carrier_id, self.carrier)
        # margin: revenue 70 - goods (2 x 4 + 10) - fulfilment 8.05
        self.assertAlmostEqual(order.fulfillment_goods_cost, 18.0)
        self.assertAlmostEqual(order.fulfillment_margin, 70 - 18 - EXPECTED_TOTAL)

    def test_recompute_is_idempotent(self):
        order = self._order()
        order.action_confirm()
        first = [(line.code, line.amount) for line in self._lines(order)]
        order.action_fulfillment_estimate()
        order.action_fulfillment_estimate()
        self.assertEqual(
            sorted(first),
            sorted((line.code, line.amount) for line in self._lines(order)),
        )
        self._deliver(order.picking_ids)
        count = len(self._lines(order))
        order.action_fulfillment_estimate()
        self.env["fulfillment.cost.line"].sudo()._compute_for_pickings(
            order.picking_ids
        )
        self.assertEqual(len(self._lines(order)), count)
        self.assertAlmostEqual(order.fulfillment_cost, EXPECTED_TOTAL)

    def test_return_adds_its_cost_to_the_original_order(self):
        order = self._order()
        order.action_confirm()
        delivery = self._deliver(order.picking_ids)
        self._return(delivery, self.product_a, 1)
        returns = self._lines(order, component="returns")
        # base 2.00 + first item 0.50 + inspection of 1 unit 1.00
        self.assertAlmostEqual(sum(returns.mapped("amount")), 3.50)
        self.assertEqual(set(returns.mapped("origin")), {"return"})
        self.assertAlmostEqual(order.fulfillment_cost, EXPECTED_TOTAL + 3.50)

    def test_heavy_order_takes_the_bigger_box_and_carrier_band(self):
        order = self._order(qty_a=0, qty_b=8)  # 8 kg, 0.016 m³
        order.action_fulfillment_estimate()
        self.assertEqual(
            self._lines(order, component="packaging").mapped("code"), ["M", "insert"]
        )
        self.assertAlmostEqual(self._lines(order, code="rate").amount, 9.0)

    def test_service_product_on_order_is_charged(self):
        gift = self.env["product.product"].create(
            {"name": "Gift wrap", "type": "service"}
        )
        self.card.rule_ids = [
            (
                0,
                0,
                {
                    "kind": "service",
                    "name": "Gift wrap",
                    "code": "gift",
                    "price": 1.5,
                    "product_id": gift.id,
                },
            )
        ]
        order = self._order()
        order.order_line = [
            (0, 0, {"product_id": gift.id, "product_uom_qty": 2, "price_unit": 3})
        ]
        order.action_fulfillment_estimate()
        vas = self._lines(order, component="vas")
        self.assertEqual((vas.quantity, vas.amount), (2, 3.0))

    def test_price_change_never_rewrites_past_orders(self):
        order = self._order()
        order.action_confirm()
        self._deliver(order.picking_ids)
        with self.assertRaisesRegex(UserError, "New version"):
            self.card.first_unit = 0.70
        action = self.card.action_new_version()
        new = self.env["fulfillment.rate.card"].browse(action["res_id"])
        self.assertEqual(str(self.card.date_to), "2026-06-10")
        self.assertEqual(str(new.date_from), "2026-06-11")
        new.first_unit = 0.70
        with self.assertRaises(ValidationError):  # overlapping versions refused
            self.card.copy({"date_from": "2026-06-01", "date_to": False})
        # the delivered order keeps its cost and its version, even recomputed
        order.action_fulfillment_estimate()
        self.assertEqual(self._lines(order).rate_card_id, self.card)
        self.assertAlmostEqual(order.fulfillment_cost, EXPECTED_TOTAL)
        with freeze_time("2026-06-12 10:00:00"):
            later = self._order()
            later.action_confirm()
            self._deliver(later.picking_ids)
        self.assertEqual(self._lines(later).rate_card_id, new)
        self.assertAlmostEqual(later.fulfillment_cost, EXPECTED_TOTAL + 0.20)

    def test_carrier_rules_priced_as_odoo_does(self):
        self.carrier.price_rule_ids = [
            (
                0,
                0,
                {
                    "variable": "quantity",
                    "operator": ">",
                    "max_value": 10,
                    "list_base_price": 2,
                    "list_price": 0.5,
                    "variable_factor": "weight",
                    "sequence": 1,
                },
            )
        ]
        for weight in (0.5, 2, 5, 5.01, 12, 30, 31):
            for quantity in (1, 11):
                try:
                    odoo_price = self.carrier._get_price_from_picking(
                        100, weight, 0.01, quantity
                    )
                except UserError:
                    odoo_price = 0.0
                ours = self.carrier._fulfillment_parcel_price(
                    100, weight, 0.01, quantity
                )
                self.assertAlmostEqual(ours, odoo_price, msg=(weight, quantity))

    def test_bulk_insert_keeps_any_label(self):
        from ..models.fulfillment_cost_line import _pg_array

        values = ['Box "XL"', "back\\slash", None, "{braces}, comma"]
        self.env.cr.execute("SELECT %s::varchar[]", [_pg_array(values)])
        self.assertEqual(self.env.cr.fetchone()[0], values)

    def test_cost_report_by_channel_and_product(self):
        order = self._order()
        order.action_confirm()
        self._deliver(order.picking_ids)
        Report = self.env["fulfillment.cost.report"]
        rows = Report.search([("order_id", "=", order.id)])
        self.assertEqual(len(rows), 2)
        mug = rows.filtered(lambda r: r.product_id == self.product_a)
        self.assertAlmostEqual(mug.fulfillment_cost, EXPECTED_TOTAL * 2 / 3, 2)
        ((team, margin),) = Report._read_group(
            [("order_id", "=", order.id)], ["team_id"], ["margin:sum"]
        )
        self.assertEqual(team, self.team)
        self.assertAlmostEqual(margin, 70 - 18 - EXPECTED_TOTAL, 2)

    def test_warehouse_user_validates_but_cannot_read_cost(self):
        worker = new_test_user(self.env, "fp_worker", groups="stock.group_stock_user")
        seller = new_test_user(
            self.env, "fp_seller", groups="sales_team.group_sale_salesman"
        )
        order = self._order(user_id=seller.id)
        order.action_confirm()
        self._deliver(order.picking_ids.with_user(worker))
        lines = self._lines(order)
        self.assertTrue(lines)
        with self.assertRaises(AccessError):
            lines.with_user(worker).read(["amount"])
        with self.assertRaises(AccessError):
            self.env["fulfillment.rate.card"].with_user(worker).search([])
        with self.assertRaises(AccessError):
            order.with_user(worker).read(["fulfillment_cost"])
        self.assertAlmostEqual(
            order.with_user(seller).read(["fulfillment_cost"])[0]["fulfillment_cost"],
            EXPECTED_TOTAL,
        )
        self.assertEqual(len(lines.with_user(seller).read(["amount"])), len(lines))
        with self.assertRaises(AccessError):
            self.card.with_user(seller).write({"name": "changed"})
