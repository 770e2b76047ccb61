# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
import math
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestForecastFlow(TransactionCase):
    """A product sold 4 a day (2 on Letzshop, 2 on the web shop) for 120
    days, bought from a vendor who delivered in 8 and 10 days, sold by packs
    of 6 with a minimum of 5 packs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tz="UTC", tracking_disable=True)
        )
        cls.company = cls.env.company
        cls.company.partner_id.tz = "UTC"
        cls.company.write(
            {
                "demand_service_level": 95.0,
                "demand_history_days": 365,
                "demand_horizon_days": 60,
                "demand_order_cost": 25.0,
                "demand_holding_rate": 25.0,
            }
        )
        cls.today = datetime.datetime.now(datetime.UTC).date()
        cls.warehouse = cls.env["stock.warehouse"].create(
            {"name": "Forecast Warehouse", "code": "FCW"}
        )
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.pack_6 = cls.env["uom.uom"].create(
            {
                "name": "Pack of 6",
                "relative_factor": 6.0,
                "relative_uom_id": cls.uom_unit.id,
            }
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Forecast Vendor"})
        cls.customer = cls.env["res.partner"].create({"name": "Forecast Customer"})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Forecast Mug",
                "is_storable": True,
                "type": "consu",
                "standard_price": 12.0,
                "seller_ids": [
                    Command.create(
                        {
                            "partner_id": cls.vendor.id,
                            "min_qty": 5.0,
                            "product_uom_id": cls.pack_6.id,
                            "price": 60.0,
                            "delay": 3,
                        }
                    )
                ],
            }
        )
        cls.other = cls.env["product.product"].create(
            {"name": "Forecast Plate", "is_storable": True, "type": "consu"}
        )
        cls.letzshop = cls.env["crm.team"].create({"name": "Forecast Letzshop"})
        cls.webshop = cls.env["crm.team"].create({"name": "Forecast Web Shop"})
        # 120 days of history: done deliveries, 2 units per channel per day.
        cls._deliver_history(cls.product, days=120, per_day=4)
        cls._deliver_history(cls.other, days=120, per_day=1, every=7)
        cls._channel_sales()
        cls._purchase_history([8, 10])
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, 20.0
        )
        # An existing rule for the plate, with the buyer's own min and max.
        cls.plate_rule = cls.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": cls.other.id,
                "warehouse_id": cls.warehouse.id,
                "location_id": cls.warehouse.lot_stock_id.id,
                "product_min_qty": 3.0,
                "product_max_qty": 9.0,
            }
        )
        cls.buyer = new_test_user(
            cls.env,
            "forecast_buyer",
            groups="purchase.group_purchase_user,stock.group_stock_user",
        )
        cls.stock_user = new_test_user(
            cls.env, "forecast_stock_user", groups="stock.group_stock_user"
        )
        cls.Forecast = cls.env["stock.demand.forecast"]

    @classmethod
    def _datetime(cls, days_ago, hour=10):
        return datetime.datetime.combine(
            cls.today - datetime.timedelta(days=days_ago), datetime.time(hour)
        )

    @classmethod
    def _deliver_history(cls, product, days, per_day, every=1):
        vals = []
        for days_ago in range(days, 0, -1):
            if days_ago % every:
                continue
            vals.append(
                {
                    "product_id": product.id,
                    "product_uom_qty": per_day,
                    "product_uom": product.uom_id.id,
                    "location_id": cls.warehouse.lot_stock_id.id,
                    "location_dest_id": cls.customers.id,
                    "state": "done",
                    "date": cls._datetime(days_ago),
                }
            )
        moves = cls.env["stock.move"].create(vals)
        # Past deliveries, already done (no stock change: demand history only).
        moves.write({"state": "done"})

    @classmethod
    def _channel_sales(cls):
        """Delivered sales orders: 6 units on Letzshop, 2 on the web shop."""
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, 8.0
        )
        for team, qty in ((cls.letzshop, 6.0), (cls.webshop, 2.0)):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": cls.customer.id,
                    "team_id": team.id,
                    "warehouse_id": cls.warehouse.id,
                    "order_line": [
                        Command.create(
                            {"product_id": cls.product.id, "product_uom_qty": qty}
                        )
                    ],
                }
            )
            order.action_confirm()
            picking = order.picking_ids
            picking.move_ids.quantity = qty
            picking.button_validate()
            picking.move_ids.date = cls._datetime(5, hour=15)

    @classmethod
    def _purchase_history(cls, lead_days):
        for index, lead in enumerate(lead_days):
            order = cls.env["purchase.order"].create(
                {
                    "partner_id": cls.vendor.id,
                    "picking_type_id": cls.warehouse.in_type_id.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "product_qty": 6.0,
                                "product_uom_id": cls.uom_unit.id,
                                "price_unit": 10.0,
                            }
                        )
                    ],
                }
            )
            order.button_confirm()
            picking = order.picking_ids
            picking.move_ids.quantity = 6.0
            picking.button_validate()
            approved = cls._datetime(60 + 20 * index)
            order.date_approve = approved
            picking.move_ids.date = approved + datetime.timedelta(days=lead)
        # The receipts added 12 units: take them out of the stock again.
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, -12.0
        )

    def _compute(self):
        self.Forecast._compute_company(self.company)
        return self.Forecast.search(
            [
                ("product_id", "=", self.product.id),
                ("warehouse_id", "=", self.warehouse.id),
            ]
        )

    def test_forecast_explains_the_suggestion(self):
        forecast = self._compute()
        self.assertEqual(len(forecast), 1)
        self.assertEqual(forecast.demand_class, "smooth")
        self.assertEqual(forecast.method, "ses")
        # 4 a day, plus the 8 units sold 5 days ago through the channels
        self.assertEqual(forecast.history_days, 120)
        self.assertTrue(forecast.accuracy_known)
        self.assertLess(forecast.mae, forecast.naive_mae + 1e-6)
        # Lead time from the receipts: 8 and 10 days
        self.assertEqual(forecast.vendor_id, self.vendor)
        self.assertEqual(forecast.lead_source, "product")
        self.assertAlmostEqual(forecast.lead_days, 9.0, places=3)
        self.assertAlmostEqual(forecast.lead_days_std, math.sqrt(2), places=1)
        daily = forecast.forecast_values
        self.assertEqual(len(daily), 60)
        z = 1.6448536269514715
        lead_demand = daily[0] * 9
        expected_ss = z * math.sqrt(
            9 * forecast.demand_std**2 + (lead_demand / 9) ** 2 * 2
        )
        self.assertAlmostEqual(forecast.safety_stock, expected_ss, delta=0.005)
        self.assertAlmostEqual(
            forecast.reorder_point, math.ceil(lead_demand + expected_ss), delta=0.001
        )
        # Order quantity: whole packs of 6 and at least 5 packs
        self.assertEqual(forecast.order_qty % 6, 0)
        self.assertGreaterEqual(forecast.order_qty, 30)
        self.assertAlmostEqual(
            forecast.max_qty, forecast.reorder_point + forecast.order_qty
        )
        # 20 in stock, nothing on order: reorder now; it runs out in ~5 days
        self.assertEqual(forecast.on_hand_qty, 20.0)
        self.assertTrue(forecast.needs_order)
        self.assertEqual(
            forecast.stockout_date,
            self.today + datetime.timedelta(days=forecast.days_of_cover),
        )
        self.assertLessEqual(forecast.days_of_cover, 6)
        for word in ("Smooth", "lead time 9.0", "safety stock"):
            self.assertIn(word, forecast.reason)

    def test_incoming_purchase_moves_the_stockout_date(self):
        before = self._compute()
        self.assertTrue(before.stockout_date)
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "picking_type_id": self.warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_qty": 500.0,
                            "product_uom_id": self.uom_unit.id,
                            "price_unit": 10.0,
                            "date_planned": fields.Datetime.now(),
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        after = self._compute()
        self.assertEqual(after.atp_qty, 520.0)
        self.assertFalse(after.needs_order)
        self.assertFalse(after.stockout_date)

    def test_replenishment_shows_the_suggestion_and_min_max_stay(self):
        self._compute()
        rule = self.env["stock.warehouse.orderpoint"].search(
            [
                ("product_id", "=", self.product.id),
                ("warehouse_id", "=", self.warehouse.id),
            ]
        )
        # A manual rule appears in Replenishment with the order suggested ...
        self.assertEqual(len(rule), 1)
        self.assertEqual(rule.trigger, "manual")
        forecast = rule.demand_forecast_id
        self.assertTrue(forecast)
        self.assertAlmostEqual(rule.qty_to_order, forecast.max_qty - 20.0, delta=0.01)
        self.assertEqual(rule.demand_class, "smooth")
        self.assertEqual(rule.demand_lead_days, forecast.lead_days)
        self.assertEqual(rule.demand_safety_stock, forecast.safety_stock)
        self.assertTrue(rule.demand_suggestion_differs)
        # ... but min and max are never set by the computation.
        self.assertEqual((rule.product_min_qty, rule.product_max_qty), (0.0, 0.0))
        self.assertEqual(
            (self.plate_rule.product_min_qty, self.plate_rule.product_max_qty),
            (3.0, 9.0),
        )
        self.assertIn(
            rule,
            self.env["stock.warehouse.orderpoint"].search(
                [("demand_forecast_id", "!=", False)]
            ),
        )
        self.assertNotIn(
            rule,
            self.env["stock.warehouse.orderpoint"].search(
                [("demand_forecast_id", "=", False)]
            ),
        )

    def test_buyer_accepts_in_one_click(self):
        self._compute()
        rule = self.plate_rule.with_user(self.buyer)
        forecast = rule.demand_forecast_id
        self.assertTrue(forecast)
        rule.action_accept_demand_forecast()
        self.assertEqual(self.plate_rule.product_min_qty, forecast.reorder_point)
        self.assertEqual(self.plate_rule.product_max_qty, forecast.max_qty)
        self.assertEqual(self.plate_rule.demand_accepted_uid, self.buyer)
        self.assertFalse(self.plate_rule.demand_suggestion_differs)

    def test_accept_from_the_forecast_list_creates_the_rule(self):
        forecast = self._compute()
        self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "=", self.product.id)]
        ).unlink()
        forecast.with_user(self.buyer).action_accept()
        rule = self.env["stock.warehouse.orderpoint"].search(
            [
                ("product_id", "=", self.product.id),
                ("warehouse_id", "=", self.warehouse.id),
            ]
        )
        self.assertEqual(rule.product_min_qty, forecast.reorder_point)
        self.assertEqual(rule.product_max_qty, forecast.max_qty)

    def test_stock_user_reads_but_cannot_accept(self):
        forecast = self._compute()
        self.assertEqual(
            self.Forecast.with_user(self.stock_user).search([("id", "=", forecast.id)]),
            forecast,
        )
        with self.assertRaises(AccessError):
            self.plate_rule.with_user(self.stock_user).action_accept_demand_forecast()
        with self.assertRaises(AccessError):
            forecast.with_user(self.stock_user).action_accept()
        with self.assertRaises(AccessError):
            forecast.with_user(self.stock_user).write({"reorder_point": 1})
        self.assertEqual(self.plate_rule.product_min_qty, 3.0)

    def test_channel_allocation(self):
        forecast = self._compute()
        channels = {row.team_id: row for row in forecast.channel_ids}
        self.assertEqual(set(channels), {self.letzshop, self.webshop})
        self.assertAlmostEqual(channels[self.letzshop].share, 75.0)
        self.assertAlmostEqual(channels[self.webshop].share, 25.0)
        # Short of stock (ATP 20 < demand until the next delivery): each
        # channel holds back the others' fair share.
        self.assertAlmostEqual(channels[self.letzshop].buffer_qty, 20 * 0.25)
        self.assertAlmostEqual(channels[self.webshop].buffer_qty, 20 * 0.75)
        self.assertAlmostEqual(channels[self.webshop].publishable_qty, 5.0)

    def test_stockout_forecast_api(self):
        self._compute()
        rows = self.env["product.product"].get_stockout_forecast(
            days=30, warehouse_id=self.warehouse.id
        )
        mine = [row for row in rows if row["product_id"] == self.product.id]
        self.assertEqual(len(mine), 1)
        self.assertTrue(mine[0]["needs_order"])
        self.assertEqual(mine[0]["available_to_promise"], 20.0)
        self.assertTrue(mine[0]["stockout_date"])
        with self.assertRaises(UserError):
            self.env["product.product"].get_stockout_forecast(days=-1)
        with self.assertRaises(UserError):
            self.env["product.product"].get_stockout_forecast(days="soon")

    def test_digest_mail_lists_products_to_reorder(self):
        self._compute()
        self.buyer.email = "buyer@example.com"
        self.company.demand_digest_user_ids = self.buyer
        mails = self.Forecast._send_digest(self.company)
        self.assertEqual(len(mails), 1)
        self.assertIn("Forecast Mug", mails.body_html)
        self.assertIn(self.buyer.partner_id, mails.recipient_ids)
        self.company.demand_digest_user_ids = False
        self.Forecast._cron_send_digest()

    def test_cron_runs_over_every_company(self):
        # the scheduled action commits after each company: not inside a test
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", return_value=float("inf")
        ) as progress:
            self.Forecast._cron_compute()
        self.assertTrue(progress.called)
        self.assertTrue(self.Forecast.search([("product_id", "=", self.product.id)]))

    def test_settings_are_checked(self):
        with self.assertRaises(ValidationError):
            self.company.demand_service_level = 100.0
        with self.assertRaises(ValidationError):
            self.company.demand_history_days = 10
