from stdnum import ean

from odoo.tests import TransactionCase, tagged


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
