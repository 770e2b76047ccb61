import base64
from datetime import timedelta

from stdnum import ean

from odoo import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open


@tagged("post_install", "-at_install")
class TestDemoSeller(TransactionCase):
    """The demo is the small Luxembourg seller the README promises."""

    def test_company_is_a_luxembourg_seller(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.country_id.code, "LU")
        self.assertEqual(company.vat, "LU26375245")
        self.assertEqual(company.chart_template, "lu")
        self.assertEqual(company.currency_id.name, "EUR")

    def test_products_have_barcodes_skus_and_stock(self):
        products = self.env["product.product"].search(
            [
                (
                    "categ_id",
                    "child_of",
                    self.env.ref("letzshop_oms_demo.product_category_oms_demo").id,
                )
            ]
        )
        self.assertGreaterEqual(len(products), 30)
        for product in products:
            with self.subTest(product=product.display_name):
                self.assertTrue(ean.is_valid(product.barcode), product.barcode)
                self.assertTrue(product.default_code)
        self.assertEqual(
            set(products.categ_id.mapped("name")),
            {"Food", "Books", "Clothing", "Electronics"},
        )
        self.assertGreater(sum(products.mapped("qty_available")), 0)

    def test_partners_in_four_countries(self):
        customers = (
            self.env["sale.order"]
            .search(
                [
                    (
                        "id",
                        "in",
                        [
                            self.env.ref(f"letzshop_oms_demo.sale_order_{i}_demo").id
                            for i in range(1, 7)
                        ],
                    )
                ]
            )
            .partner_id
        )
        for code in ("LU", "FR", "DE", "BE"):
            partners = self.env["res.partner"].search(
                [("country_id.code", "=", code), ("email", "like", "example.com")]
            )
            self.assertTrue(partners, f"no demo customer in {code}")
        self.assertEqual(len(customers), 6)

    def test_one_user_per_role(self):
        for login in ("vendor", "warehouse", "accountant"):
            user = self.env["res.users"].search([("login", "=", login)])
            with self.subTest(login=login):
                self.assertTrue(user.has_group(f"letzshop_oms.group_oms_{login}"))

    def test_orders_and_incoming_purchase(self):
        order = self.env.ref("letzshop_oms_demo.sale_order_1_demo")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.currency_id.name, "EUR")
        purchase = self.env.ref("letzshop_oms_demo.purchase_order_1_demo")
        self.assertEqual(purchase.state, "purchase")
        self.assertTrue(purchase.picking_ids.filtered(lambda p: p.state == "assigned"))

    def test_purchase_arrives_next_week_line_by_line(self):
        purchase = self.env.ref("letzshop_oms_demo.purchase_order_1_demo")
        next_week = purchase.create_date.date() + timedelta(days=7)
        self.assertEqual(
            {line.date_planned.date() for line in purchase.order_line}, {next_week}
        )
        receipt = purchase.picking_ids
        self.assertEqual(receipt.scheduled_date.date(), next_week)
        self.assertEqual({move.date.date() for move in receipt.move_ids}, {next_week})

    def test_warehouse_named_after_the_shop(self):
        self.assertEqual(self.env.ref("stock.warehouse0").name, "Boutique Lëtzebuerg")

    def test_company_prints_with_its_logo_and_layout(self):
        company = self.env.ref("base.main_company")
        with file_open("letzshop_oms_demo/static/img/company_logo.png", "rb") as logo:
            self.assertEqual(base64.b64decode(company.logo), logo.read())
        self.assertEqual(
            company.external_report_layout_id,
            self.env.ref("web.external_layout_standard"),
        )
        # Printing an invoice as the administrator gives the PDF, not the
        # layout-choice wizard Odoo shows while no layout is chosen.
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.env.ref("letzshop_oms_demo.customer_fr_1_demo").id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Gift wrap", "quantity": 1, "price_unit": 3}
                    )
                ],
            }
        )
        action = (
            self.env.ref("account.account_invoices")
            .with_user(self.env.ref("base.user_admin"))
            .report_action(invoice)
        )
        self.assertEqual(action["type"], "ir.actions.report")

    def test_french_and_german_are_installed(self):
        self.assertEqual(
            set(self.env["res.lang"].search([]).mapped("code")),
            {"en_US", "fr_FR", "de_DE"},
        )
        menu = self.env.ref("letzshop_oms.menu_oms_orders")
        self.assertEqual(menu.with_context(lang="fr_FR").name, "Commandes")
        self.assertEqual(menu.with_context(lang="de_DE").name, "Aufträge")
        # Odoo's own terms too, not only ours
        sales = self.env.ref("sale.sale_menu_root")
        self.assertEqual(sales.with_context(lang="de_DE").name, "Verkauf")
        # and the demo's product names, which the Letzshop feeds per language show
        honey = self.env.ref("letzshop_oms_demo.product_food_1_demo")
        self.assertEqual(honey.with_context(lang="fr_FR").name, "Miel bio 500 g")
        self.assertEqual(honey.with_context(lang="de_DE").name, "Bio-Honig 500 g")
        for xmlid, lang in (
            ("customer_fr_1_demo", "fr_FR"),
            ("customer_be_1_demo", "fr_FR"),
            ("customer_de_1_demo", "de_DE"),
            ("customer_lu_1_demo", "en_US"),
        ):
            with self.subTest(partner=xmlid):
                self.assertEqual(self.env.ref(f"letzshop_oms_demo.{xmlid}").lang, lang)

    def test_segment_exports_hold_the_customers_who_consented(self):
        germany = self.env.ref(
            "customer_segments.customer_segment_germany"
        ).export_csv()
        self.assertEqual(germany["exported"], 1)
        self.assertIn("lena.mueller@example.com", germany["csv"])
        new = self.env.ref("customer_segments.customer_segment_new").export_csv()
        # the customers of the last weeks: Lena (DE) agreed, Jonas (DE) and
        # Sophie (BE) were not asked
        self.assertEqual((new["exported"], new["skipped"]), (1, 2))
        self.assertIn("lena.mueller@example.com", new["csv"])
        self.assertNotIn("sophie.peeters@example.com", new["csv"])

    def test_products_sit_in_their_home_bins(self):
        product = self.env.ref("letzshop_oms_demo.product_books_1_demo")
        warehouse = self.env.ref("stock.warehouse0")
        home = product.with_context(warehouse_id=warehouse.id).home_bin_id
        self.assertEqual(home.name, "A-02-1")
        quants = self.env["stock.quant"].search(
            [("product_id", "=", product.id), ("location_id.usage", "=", "internal")]
        )
        self.assertEqual(quants.location_id, home)

    def test_letzshop_channel_holds_one_unit_back(self):
        team = self.env.ref("letzshop_oms_demo.team_letzshop_demo")
        product = self.env.ref("letzshop_oms_demo.product_books_1_demo")
        publishable = team._get_publishable_quantities(product)[product.id]
        self.assertEqual(publishable, product.qty_available - 1 - 1)  # 1 sold, 1 held
