import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.letzshop_connector.tests.common import LetzshopCase
from odoo.addons.queue_job.tests.common import trap_jobs

#: "Now" of the figures: 10 April 2031, the 100th day of its year, a year in which
#: no other test or demo record is dated, so that the dated figures are exactly
#: the records made here. Undated counts (today's work) are compared with the
#: count before the records were made.
NOW = "2031-04-10 12:00:00"
TODAY = datetime.date(2031, 4, 10)
#: SQL queries of one get_home_data() with warm caches, whatever the data size,
#: every list of the home filled (the low-stock products read with their names).
HOME_QUERIES = 27


def at(days_ago, hour=9):
    return datetime.datetime.combine(
        TODAY - datetime.timedelta(days=days_ago), datetime.time(hour)
    )


@tagged("post_install", "-at_install")
class TestHomeData(LetzshopCase):
    """The OMS home's figures against figures computed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Home = cls.env["letzshop.oms.home"]
        cls.vendor = new_test_user(
            cls.env,
            login="oms_home_vendor",
            groups="base.group_user,letzshop_oms.group_oms_vendor",
            tz="UTC",
        )
        cls.shop = cls.env["crm.team"].create({"name": "OMS home web shop"})
        cls.market = cls.env["crm.team"].create({"name": "OMS home market"})
        cls.customer = cls.env["res.partner"].create({"name": "OMS home customer"})
        cls.widget = cls.env["product.product"].create(
            {"name": "OMS home widget", "is_storable": True, "list_price": 10}
        )
        cls.set_stock_of(cls.widget, 100)

    @classmethod
    def set_stock_of(cls, product, qty):
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.warehouse.lot_stock_id, qty
        )

    def home(self):
        self.env.invalidate_all()
        with freeze_time(NOW):
            return self.Home.with_user(self.vendor).get_home_data()

    def make_order(self, team, amount, days_ago, qty=1):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "team_id": team.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.widget.id,
                            "product_uom_qty": qty,
                            "price_unit": amount / qty,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = at(days_ago)
        return order

    def make_invoice(self, amount, days_ago, rule=False, sent=True):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": TODAY - datetime.timedelta(days=days_ago),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "OMS home goods",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        invoice.write({"oss_vat_rule": rule, "is_move_sent": sent})
        return invoice

    # -- sales ---------------------------------------------------------------------
    def test_orders_revenue_and_average_per_channel_and_period(self):
        self.make_order(self.shop, 100, days_ago=0)
        self.make_order(self.shop, 50, days_ago=6)
        self.make_order(self.shop, 30, days_ago=20)
        self.make_order(self.market, 200, days_ago=60)
        self.make_order(self.market, 999, days_ago=95)  # older than 90 days
        cancelled = self.make_order(self.market, 500, days_ago=1)
        cancelled._action_cancel()

        sales = self.home()["sales"]

        def channels(period):
            return {
                row["channel"]: (row["orders"], row["revenue"])
                for row in sales[period]["channels"]
            }

        self.assertEqual(channels("7"), {"OMS home web shop": (2, 150.0)})
        self.assertEqual(channels("30"), {"OMS home web shop": (3, 180.0)})
        self.assertEqual(
            channels("90"),
            {"OMS home web shop": (3, 180.0), "OMS home market": (1, 200.0)},
        )
        self.assertEqual(sales["7"]["average_order"], 75.0)
        self.assertEqual(sales["30"]["average_order"], 60.0)
        self.assertEqual((sales["90"]["orders"], sales["90"]["revenue"]), (4, 380.0))
        self.assertEqual(sales["90"]["average_order"], 95.0)
        daily = {day["date"]: day["orders"] for day in sales["daily"]}
        self.assertEqual(len(daily), 90)
        self.assertEqual(daily["2031-04-10"], 1)
        self.assertEqual(daily["2031-04-04"], 1)
        self.assertEqual(daily["2031-02-09"], 1)
        self.assertEqual(sum(daily.values()), 4)

    def test_fulfilment_cost_and_margin_per_order(self):
        for cost, margin, days_ago in ((4.0, 20.0, 1), (6.0, 10.0, 10), (9, 1, 50)):
            self.make_order(self.shop, 50, days_ago).write(
                {
                    "fulfillment_cost": cost,
                    "fulfillment_margin": margin,
                    "fulfillment_cost_state": "estimate",
                }
            )
        not_priced = self.make_order(self.shop, 50, days_ago=1)
        not_priced.fulfillment_cost_state = "none"

        fulfillment = self.home()["fulfillment"]
        self.assertEqual(
            fulfillment["7"],
            {"orders": 1, "cost_per_order": 4.0, "margin_per_order": 20.0},
        )
        self.assertEqual(
            fulfillment["30"],
            {"orders": 2, "cost_per_order": 5.0, "margin_per_order": 15.0},
        )
        self.assertEqual(fulfillment["90"]["orders"], 3)
        self.assertEqual(fulfillment["90"]["cost_per_order"], 6.33)

    # -- OSS threshold and proof points ----------------------------------------------
    def test_oss_threshold_progress_and_expected_crossing(self):
        self.env.company.write({"oss_threshold": 10000, "oss_opt_in": False})
        self.make_invoice(1500, days_ago=60, rule="distance_local")
        self.make_invoice(2400, days_ago=30, rule="distance_local")
        self.make_invoice(100, days_ago=5, rule="oss")
        self.make_invoice(7000, days_ago=5, rule="domestic")  # not a distance sale

        oss = self.home()["oss"]
        self.assertEqual(oss["current"], 4000.0)
        self.assertEqual(oss["percent"], 40.0)
        self.assertEqual(oss["state"], "below")
        # 4,000 in 100 days = 40 a day; 6,000 left = 150 days after 10 April.
        self.assertEqual(oss["expected_crossing"], "2031-09-07")

        self.make_invoice(5000, days_ago=1, rule="distance_local")
        # 9,000 in 100 days: 1,000 left = 12 days (11.1 rounded up).
        self.assertEqual(self.home()["oss"]["expected_crossing"], "2031-04-22")
        self.make_invoice(1500, days_ago=1, rule="distance_local")
        oss = self.home()["oss"]
        self.assertEqual(oss["state"], "exceeded")
        self.assertFalse(oss["expected_crossing"])

    def test_slow_pace_is_not_expected_to_cross_this_year(self):
        self.env.company.write({"oss_threshold": 10000, "oss_opt_in": False})
        self.make_invoice(1000, days_ago=60, rule="distance_local")
        oss = self.home()["oss"]
        # 10 a day: 900 days to go, not this year.
        self.assertEqual(oss["percent"], 10.0)
        self.assertFalse(oss["expected_crossing"])

    def test_destination_vat_invoices_issued(self):
        self.make_invoice(100, days_ago=5, rule="oss")
        self.make_invoice(100, days_ago=50, rule="oss")
        self.make_invoice(100, days_ago=5, rule="distance_local")
        self.make_invoice(100, days_ago=200, rule="oss")  # last year
        self.assertEqual(self.home()["proof"]["destination_vat_invoices"], 2)

    def test_oversells_prevented_by_the_automatic_decision(self):
        self.account.auto_decide = True
        self.set_stock(self.mug, 1)
        first = self.add_shipment(
            [(self.mug, 1, 11.7)], completed_at="2031-04-09T09:00:00Z"
        )
        second = self.add_shipment(
            [(self.mug, 1, 11.7)], completed_at="2031-04-09T10:00:00Z"
        )
        with trap_jobs() as trap:
            self.import_now()
            trap.perform_enqueued_jobs()
        self.assertFalse(self.order_of(first).oms_oversell_prevented)
        self.assertTrue(self.order_of(second).oms_oversell_prevented)
        self.assertEqual(self.home()["proof"]["oversells_prevented"], 1)
        with freeze_time(NOW):
            action = self.Home.with_user(self.vendor).action_open("oversells_prevented")
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]),
            self.order_of(second),
        )

    # -- today's work ----------------------------------------------------------------
    def test_letzshop_orders_to_decide_with_the_oldest_age(self):
        # Orders decided elsewhere (demo data) must not be the oldest here.
        self.env["letzshop.shipment"].search([]).decision_state = "done"
        self.add_shipment([(self.mug, 1, 11.7)], completed_at="2031-04-09T06:00:00Z")
        self.add_shipment([(self.tee, 1, 23.4)], completed_at="2031-04-10T10:00:00Z")
        self.import_now()
        work = self.home()["work"]["to_decide"]
        self.assertEqual(work["count"], 2)
        self.assertEqual(
            work["oldest_age_hours"], 30.0
        )  # 9 April 06:00 -> 10 April 12:00
        self.assertEqual(work["deadline_hours"], 48)
        self.assertFalse(work["overdue"])
        self.env["ir.config_parameter"].set_param(
            "letzshop_oms.decision_deadline_hours", "24"
        )
        self.assertTrue(self.home()["work"]["to_decide"]["overdue"])

    def test_work_counts_and_the_lists_they_open(self):
        before = {key: tile["count"] for key, tile in self.home()["work"].items()}

        orders = [self.make_order(self.shop, 10, days_ago=0) for _i in range(4)]
        # one picked, not yet validated: to ship
        orders[1].picking_ids.move_ids.picked = True
        # one shipped without a tracking number
        orders[2].picking_ids.move_ids.quantity = 1
        orders[2].picking_ids.move_ids.picked = True
        orders[2].picking_ids.button_validate()
        self.assertEqual(orders[2].picking_ids.state, "done")
        orders[2].picking_ids.date_done = at(2)
        # one promised for yesterday and not delivered: late
        orders[3].commitment_date = at(1)
        # two invoices, one sent
        self.make_invoice(10, days_ago=1, sent=False)
        self.make_invoice(10, days_ago=1, sent=True)
        # a product sold below zero
        oversold = self.env["product.product"].create(
            {"name": "OMS home oversold", "is_storable": True}
        )
        self.set_stock_of(oversold, -3)

        work = self.home()["work"]
        delta = {key: work[key]["count"] - before[key] for key in before}
        self.assertEqual(delta["to_pick"], 2)  # orders 0 and 3
        self.assertEqual(delta["to_ship"], 1)
        self.assertEqual(delta["no_tracking"], 1)
        self.assertEqual(delta["late"], 1)
        self.assertEqual(delta["invoices_not_sent"], 1)
        self.assertEqual(delta["oversold"], 1)

        with freeze_time(NOW):
            lists = {
                key: self.Home.with_user(self.vendor).action_open(key)
                for key in ("to_pick", "to_ship", "no_tracking", "late", "oversold")
            }
        found = {
            key: self.env[action["res_model"]].search(action["domain"])
            for key, action in lists.items()
        }
        self.assertIn(orders[0].picking_ids, found["to_pick"])
        self.assertIn(orders[3].picking_ids, found["to_pick"])
        self.assertNotIn(orders[1].picking_ids, found["to_pick"])
        self.assertIn(orders[1].picking_ids, found["to_ship"])
        self.assertIn(orders[2].picking_ids, found["no_tracking"])
        self.assertIn(orders[3], found["late"])
        self.assertIn(oversold, found["oversold"])
        self.assertEqual(lists["to_pick"]["name"], "Orders to Pick")
        with self.assertRaisesRegex(UserError, "no figure named nonsense"):
            self.Home.action_open("nonsense")

    def test_incoming_stock_this_week(self):
        before = self.home()["incoming"]
        vendor = self.env["res.partner"].create({"name": "OMS home supplier"})
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.widget.id,
                            "product_qty": 10,
                            "date_planned": at(-3),
                        }
                    ),
                    Command.create(
                        {
                            "product_id": self.mug.id,
                            "product_qty": 5,
                            "date_planned": at(-3),
                        }
                    ),
                ],
            }
        )
        purchase.button_confirm()
        purchase.picking_ids.move_ids.date = at(-3)
        later = purchase.copy({"date_planned": at(-20)})
        later.button_confirm()
        later.picking_ids.move_ids.date = at(-20)

        incoming = self.home()["incoming"]
        self.assertEqual(incoming["receipts"] - before["receipts"], 1)
        self.assertEqual(incoming["units"] - before["units"], 15)

    def test_returns_only_with_a_returns_addon(self):
        work = self.home()["work"]
        self.assertEqual("returns" in work, "rma" in self.env)

    # -- what the numbers are made of ------------------------------------------------
    def make_work(self, count):
        """``count`` orders of today's work and as many invoices: ready to pick,
        picked to ship, shipped without tracking, late; sent or not, with
        destination VAT or not; an oversold product."""
        for n in range(count):
            order = self.make_order(self.market, 10, days_ago=n % 7)
            order.write({"fulfillment_cost": 1, "fulfillment_cost_state": "fixed"})
            picking = order.picking_ids
            if n % 4 == 1:
                picking.move_ids.picked = True
            elif n % 4 == 2:
                picking.move_ids.quantity = 1
                picking.move_ids.picked = True
                picking.button_validate()
                picking.date_done = at(2)
            elif n % 4 == 3:
                order.commitment_date = at(1)
            self.make_invoice(
                10, days_ago=n % 7, rule="oss" if n % 2 else False, sent=n % 3 == 0
            )
        oversold = self.env["product.product"].create(
            {"name": f"OMS home oversold {count}", "is_storable": True}
        )
        self.set_stock_of(oversold, -1)

    def make_low_stock(self, count):
        """``count`` products to reorder, as the nightly forecast leaves them."""
        products = self.env["product.product"].create(
            [
                {"name": f"OMS home running out {n}", "is_storable": True}
                for n in range(count)
            ]
        )
        self.env["stock.demand.forecast"].create(
            [
                {
                    "product_id": product.id,
                    "warehouse_id": self.warehouse.id,
                    "company_id": self.warehouse.company_id.id,
                    "needs_order": True,
                    "stockout_date": TODAY + datetime.timedelta(days=2),
                }
                for product in products
            ]
        )

    def test_each_count_is_the_size_of_the_list_it_opens(self):
        # the counts read together (one query per model) against the list each
        # number opens, read as the vendor by itself
        self.make_work(8)
        data = self.home()
        counts = {key: tile["count"] for key, tile in data["work"].items()}
        counts.update(data["proof"])
        self.assertGreaterEqual(counts["to_pick"], 2)
        self.assertGreaterEqual(counts["to_ship"], 2)
        self.assertGreaterEqual(counts["destination_vat_invoices"], 4)
        with freeze_time(NOW):
            for key, count in counts.items():
                action = self.Home.with_user(self.vendor).action_open(key)
                records = (
                    self.env[action["res_model"]]
                    .with_user(self.vendor)
                    .search(action["domain"])
                )
                self.assertEqual(count, len(records), key)

    def test_another_companys_figures_are_not_seen(self):
        company_b = self.env["res.company"].create({"name": "OMS home company B"})
        vendor_b = new_test_user(
            self.env,
            login="oms_home_vendor_b",
            groups="base.group_user,letzshop_oms.group_oms_vendor",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
            tz="UTC",
        )

        def figures(user):
            self.env.invalidate_all()
            with freeze_time(NOW):
                data = self.Home.with_user(user).get_home_data()
            return {
                **{key: tile["count"] for key, tile in data["work"].items()},
                **data["proof"],
                "orders": data["sales"]["90"]["orders"],
                "revenue": data["sales"]["90"]["revenue"],
                "priced": data["fulfillment"]["90"]["orders"],
                "oss": data["oss"]["current"],
                "receipts": data["incoming"]["receipts"],
            }

        before_a, before_b = figures(self.vendor), figures(vendor_b)
        self.make_work(4)
        after_a = figures(self.vendor)
        for key in ("to_pick", "late", "invoices_not_sent", "oversold", "orders"):
            self.assertGreater(after_a[key], before_a[key], key)
        self.assertGreater(after_a["destination_vat_invoices"], 0)
        self.assertEqual(figures(vendor_b), before_b)

    def test_number_of_queries_does_not_grow_with_orders(self):
        def count_queries():
            self.home()  # warm the caches (access rules, ormcache)
            self.env.invalidate_all()
            with self.assertQueryCount(HOME_QUERIES), freeze_time(NOW):
                start = self.env.cr.sql_log_count
                self.Home.with_user(self.vendor).get_home_data()
                count = self.env.cr.sql_log_count - start
            return count

        self.make_work(2)
        self.make_low_stock(1)
        few = count_queries()
        self.make_work(20)
        self.make_low_stock(10)
        self.assertEqual(count_queries(), few)
