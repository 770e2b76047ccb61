import datetime

import pytz

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoHome(TransactionCase):
    """The demo fills every figure of the OMS home, each matching a count made
    here by hand, and holds the invoices, returns and Letzshop orders the README
    describes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env.ref("letzshop_oms_demo.user_vendor_demo")
        cls.company = cls.env.ref("base.main_company")
        cls.now = fields.Datetime.now()
        cls.tz = pytz.timezone(cls.vendor.tz or "UTC")
        cls.today = cls.now.replace(tzinfo=pytz.utc).astimezone(cls.tz).date()
        cls.data = cls.env["letzshop.oms.home"].with_user(cls.vendor).get_home_data()

    def day_start(self, day):
        local = self.tz.localize(datetime.datetime.combine(day, datetime.time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def count(self, model, domain):
        return self.env[model].search_count(
            [("company_id", "=", self.company.id), *domain]
        )

    def test_every_work_tile_is_filled_and_counted_right(self):
        outgoing = [
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "assigned"),
        ]
        expected = {
            "to_decide": self.count(
                "letzshop.shipment",
                [
                    ("state", "=", "unconfirmed"),
                    ("decision_state", "in", ("to_decide", "failed")),
                    ("sale_order_id", "!=", False),
                ],
            ),
            "to_pick": self.count(
                "stock.picking",
                [*outgoing, ("move_ids.picked", "=", False)],
            ),
            "to_ship": self.count(
                "stock.picking", [*outgoing, ("move_ids.picked", "=", True)]
            ),
            "no_tracking": self.count(
                "stock.picking",
                [
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "=", "done"),
                    ("sale_id", "!=", False),
                    ("carrier_tracking_ref", "=", False),
                    ("date_done", ">=", self.now - datetime.timedelta(days=30)),
                ],
            ),
            "late": self.count(
                "sale.order",
                [
                    ("state", "=", "sale"),
                    ("commitment_date", "<", self.now),
                    ("picking_ids.state", "not in", ("done", "cancel")),
                ],
            ),
            "invoices_not_sent": self.count(
                "account.move",
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("is_move_sent", "=", False),
                ],
            ),
            "reorder": self.count(
                "stock.demand.forecast", [("needs_order", "=", True)]
            ),
            "returns": self.count("rma", [("state", "=", "received")]),
            "oversold": len(
                {
                    product
                    for product in self.env["product.product"].search([])
                    if product.qty_available < 0
                }
            ),
        }
        work = self.data["work"]
        for key, count in expected.items():
            with self.subTest(tile=key):
                self.assertGreater(count, 0)
                self.assertEqual(work[key]["count"], count)
        # the oldest Letzshop order waits for 30 hours, within Letzshop's 48
        self.assertAlmostEqual(work["to_decide"]["oldest_age_hours"], 30.0, delta=0.5)
        self.assertFalse(work["to_decide"]["overdue"])
        # no plan (self-hosted): no plan warning above the tiles
        self.assertFalse(self.company.oms_plan_id)
        self.assertIs(self.data["plan_warning"], False)

    def test_orders_and_revenue_per_channel_over_each_period(self):
        sales = self.data["sales"]
        for days in (7, 30, 90):
            since = self.day_start(self.today - datetime.timedelta(days=days - 1))
            orders = self.env["sale.order"].search(
                [
                    ("company_id", "=", self.company.id),
                    ("state", "=", "sale"),
                    ("date_order", ">=", since),
                ]
            )
            with self.subTest(days=days):
                self.assertTrue(orders)
                self.assertEqual(sales[str(days)]["orders"], len(orders))
                self.assertAlmostEqual(
                    sales[str(days)]["revenue"],
                    sum(orders.mapped("amount_untaxed")),
                    places=2,
                )
        channels = {row["channel"] for row in sales["90"]["channels"]}
        self.assertLessEqual({"Letzshop", "Web shop", "Saturday market"}, channels)
        # spread over the quarter, not on one day
        busy_days = [day for day in sales["daily"] if day["orders"]]
        self.assertGreater(len(busy_days), 30)

    def test_fulfilment_cost_and_margin_per_order(self):
        since = self.day_start(self.today - datetime.timedelta(days=89))
        priced = self.env["sale.order"].search(
            [
                ("company_id", "=", self.company.id),
                ("state", "=", "sale"),
                ("date_order", ">=", since),
                ("fulfillment_cost_state", "in", ("estimate", "fixed")),
            ]
        )
        fulfillment = self.data["fulfillment"]["90"]
        self.assertEqual(fulfillment["orders"], len(priced))
        self.assertAlmostEqual(
            fulfillment["cost_per_order"],
            sum(priced.mapped("fulfillment_cost")) / len(priced),
            places=2,
        )
        self.assertGreater(fulfillment["cost_per_order"], 0)
        self.assertGreater(fulfillment["margin_per_order"], 0)

    def test_oss_threshold_incoming_stock_and_proof_points(self):
        year_start = datetime.date(self.today.year, 1, 1)
        distance = self.env["account.move"].search(
            [
                ("company_id", "=", self.company.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("oss_vat_rule", "in", ("oss", "distance_local")),
                ("date", ">=", year_start),
            ]
        )
        oss = self.data["oss"]
        self.assertGreater(oss["current"], 0)
        self.assertAlmostEqual(
            oss["current"], sum(distance.mapped("amount_untaxed_signed")), places=2
        )
        self.assertTrue(oss["opt_in"])

        receipts = self.env["stock.picking"].search(
            [
                ("company_id", "=", self.company.id),
                ("picking_type_code", "=", "incoming"),
                ("state", "not in", ("draft", "done", "cancel")),
                (
                    "scheduled_date",
                    "<",
                    self.day_start(self.today) + datetime.timedelta(days=7),
                ),
            ]
        )
        self.assertTrue(receipts)
        self.assertEqual(self.data["incoming"]["receipts"], len(receipts))
        self.assertEqual(
            self.data["incoming"]["units"], sum(receipts.move_ids.mapped("product_qty"))
        )

        proof = self.data["proof"]
        self.assertEqual(
            proof["oversells_prevented"],
            self.count("sale.order", [("oms_oversell_prevented", "=", True)]),
        )
        self.assertGreater(proof["oversells_prevented"], 0)
        self.assertEqual(
            proof["destination_vat_invoices"],
            self.count(
                "account.move",
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("oss_vat_rule", "=", "oss"),
                    ("date", ">=", year_start),
                ],
            ),
        )
        self.assertGreater(proof["destination_vat_invoices"], 0)
        self.assertTrue(self.data["low_stock"])

    def test_invoices_carry_the_vat_of_their_kind(self):
        def invoices_to(xmlid, rule):
            partner = self.env.ref(f"letzshop_oms_demo.{xmlid}")
            return self.env["account.move"].search(
                [
                    ("partner_id", "=", partner.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("oss_vat_rule", "=", rule),
                ]
            )

        def rates(invoices):
            return set(invoices.invoice_line_ids.tax_ids.mapped("amount"))

        domestic = invoices_to("customer_lu_1_demo", "domestic")
        self.assertTrue(domestic)
        self.assertLessEqual(rates(domestic), {17.0, 8.0, 3.0})
        self.assertIn(
            17.0, rates(domestic | invoices_to("customer_lu_2_demo", "domestic"))
        )
        # French and German consumers pay their own country's VAT (OSS)
        france = invoices_to("customer_fr_2_demo", "oss") | invoices_to(
            "customer_fr_1_demo", "oss"
        )
        self.assertIn(20.0, rates(france))
        self.assertEqual(set(france.mapped("oss_vat_country_id.code")), {"FR"})
        self.assertTrue(
            all("FR VAT" in tax.name for tax in france.invoice_line_ids.tax_ids)
        )
        germany = invoices_to("customer_de_1_demo", "oss") | invoices_to(
            "customer_de_2_demo", "oss"
        )
        self.assertLessEqual(rates(germany), {19.0, 7.0})
        self.assertTrue(germany)
        # the Belgian café, VAT-registered: exempt intra-Community supply
        cafe = invoices_to("customer_be_2_demo", "ic_supply")
        self.assertTrue(cafe)
        self.assertEqual(sum(cafe.mapped("amount_tax")), 0.0)
        self.assertEqual(cafe.partner_id.oss_vies_status, "valid")

    def test_returns_letzshop_orders_and_consent(self):
        rmas = self.env["rma"].search([("company_id", "=", self.company.id)])
        self.assertEqual(set(rmas.mapped("state")), {"received", "refunded"})
        refunded = rmas.filtered(lambda r: r.state == "refunded")
        self.assertEqual(refunded.refund_id.state, "posted")
        self.assertEqual(
            refunded.refund_id.oss_vat_rule,
            refunded.refund_id.reversed_entry_id.oss_vat_rule,
        )
        shipments = self.env["letzshop.shipment"].search([])
        self.assertEqual(len(shipments), 4)
        self.assertTrue(all(shipments.mapped("sale_order_id")))
        declined = shipments.filtered(lambda s: s.decision_state == "done")
        self.assertEqual(declined.sale_order_id.state, "cancel")
        self.assertTrue(declined.sale_order_id.oms_oversell_prevented)
        consented = self.env["res.partner"].search(
            [("marketing_consent", "=", "granted")]
        )
        self.assertEqual(len(consented), 4)
        for partner in consented:
            with self.subTest(partner=partner.name):
                self.assertTrue(partner.marketing_consent_date)
                self.assertTrue(partner.marketing_consent_source)

    def test_users_read_their_language(self):
        self.assertEqual(
            self.env.ref("letzshop_oms_demo.user_warehouse_demo").lang, "de_DE"
        )
        self.assertEqual(
            self.env.ref("letzshop_oms_demo.user_accountant_demo").lang, "fr_FR"
        )
