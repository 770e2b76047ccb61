from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import LetzshopCase


@tagged("post_install", "-at_install")
class TestFeed(LetzshopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency = cls.company.currency_id.name

    def _rows(self, lang="en"):
        text = self.account._letzshop_render_feed(lang)
        lines = text.rstrip("\n").split("\n")
        header = lines[0].split("\t")
        rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
        return header, {row["id"]: row for row in rows}

    def test_feed_rows(self):
        self.set_stock(self.mug, 7)
        self.mug.description_sale = "A\tmug\nfor coffee"
        header, rows = self._rows()
        self.assertEqual(
            header[:6],
            ["id", "title", "description", "availability", "quantity", "price"],
        )
        mug = rows["LZ-MUG"]
        self.assertEqual(mug["title"], "LZ Mug")
        self.assertEqual(mug["description"], "A mug for coffee")
        self.assertEqual((mug["availability"], mug["quantity"]), ("in_stock", "7"))
        self.assertEqual(mug["price"], f"11.70 {self.currency}")  # 10 + 17 % VAT
        self.assertEqual(mug["gtin"], "5901234123457")
        self.assertEqual(rows["LZ-CAP"]["availability"], "out_of_stock")
        self.assertNotIn("Unknown Letzshop product", str(rows))

    def test_prices_round_half_up_as_odoo_does(self):
        # 0.50 + 17 % = 0.585: Odoo's tax engine says 0.59 (half-up); Python's
        # round() says 0.58.
        self.mug.list_price = 0.5
        self.assertEqual(self._rows()[1]["LZ-MUG"]["price"], f"0.59 {self.currency}")
        self.assertAlmostEqual(
            self.tax.compute_all(0.5, currency=self.company.currency_id)[
                "total_included"
            ],
            0.59,
        )

    def test_branch_publishes_with_its_parent_company_taxes(self):
        branch = self.env["res.company"].create(
            {"name": "LZ branch", "parent_id": self.company.id}
        )
        self.env.user.company_ids |= branch
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", branch.id)], limit=1
        )
        account = self.env["letzshop.account"].create(
            {
                "name": "LZ branch shop",
                "company_id": branch.id,
                "warehouse_id": warehouse.id,
                "endpoint": self.server.url,
            }
        )
        rows = account.with_company(branch)._letzshop_render_feed("en")
        self.assertIn(f"\t11.70 {self.currency}\t5901234123457", rows)

    def test_published_quantity_keeps_the_channel_buffer(self):
        self.set_stock(self.mug, 5)
        self.account.team_id.write({"atp_buffer_type": "units", "atp_buffer_qty": 1})
        self.assertEqual(self._rows()[1]["LZ-MUG"]["quantity"], "4")

    def test_feed_languages_and_options(self):
        self.mug.with_context(lang="fr_FR").name = "Tasse LZ"
        _header, rows = self._rows("fr")
        self.assertEqual(rows["LZ-MUG"]["title"], "Tasse LZ")
        self.assertEqual(self._rows("de")[1]["LZ-MUG"]["title"], "LZ Mug")
        self.mug.letzshop_published = False
        self.account.prices_include_vat = False
        rows = self._rows()[1]
        self.assertNotIn("LZ-MUG", rows)
        self.assertEqual(rows["LZ-TEE"]["price"], f"20.00 {self.currency}")

    def test_reserved_stock_is_not_published(self):
        self.set_stock(self.tee, 3)
        shipment = self.add_shipment([(self.tee, 2, 23.4)])
        self.import_now()
        order = self.order_of(shipment)
        order.with_context(letzshop_decided=True).action_confirm()
        quantities = self.account._letzshop_publishable_quantities(self.tee | self.mug)
        self.assertEqual(quantities, {self.tee.id: 1.0, self.mug.id: 0.0})
        free = self.tee.with_context(warehouse_id=self.warehouse.id).free_qty
        self.assertEqual(quantities[self.tee.id], free)

    def test_changed_since_last_publication(self):
        long_ago = fields.Datetime.now() - timedelta(days=1)
        self.set_stock(self.mug, 2)
        changed = self.account._letzshop_changed_products(since=long_ago)
        self.assertIn(self.mug, changed)
        self.assertNotIn(self.tee, changed)
        self.assertNotIn(self.cap, changed)
        later = fields.Datetime.now() + timedelta(seconds=5)
        self.assertFalse(self.account._letzshop_changed_products(since=later))

    def test_publishable_quantity_comes_from_the_channel_when_available(self):
        team_cls = type(self.account.team_id)
        calls = []

        def _get_publishable_quantities(team, products, warehouse=None):
            calls.append((team, warehouse))
            return dict.fromkeys(products.ids, 42.0)

        team_cls._get_publishable_quantities = _get_publishable_quantities
        try:
            _header, rows = self._rows()
        finally:
            del team_cls._get_publishable_quantities
        self.assertEqual(rows["LZ-MUG"]["quantity"], "42")
        self.assertEqual(calls, [(self.account.team_id, self.warehouse)])


@tagged("post_install", "-at_install")
class TestFeedUrl(HttpCase):
    def test_feed_is_served_with_the_token_only(self):
        account = self.env["letzshop.account"].create(
            {"name": "LZ feed shop", "endpoint": "http://127.0.0.1:9/graphql"}
        )
        self.env["product.product"].create(
            {"name": "LZ Feed Lamp", "default_code": "LZ-LAMP", "is_storable": True}
        )
        url = account.feed_url_fr
        self.assertTrue(url.endswith("/fr.tsv"))
        path = url[url.index("/letzshop/") :]
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response.headers["Content-Type"].startswith("text/tab-separated-values")
        )
        self.assertIn("LZ-LAMP\tLZ Feed Lamp", response.text)
        self.assertTrue(account.last_publication_date)
        self.assertEqual(
            self.url_open(path.replace(account.feed_token, "x" * 32)).status_code, 404
        )
        self.assertEqual(
            self.url_open(path.replace("/fr.tsv", "/xx.tsv")).status_code, 404
        )


@tagged("post_install", "-at_install")
class TestFeedChannelHook(LetzshopCase):
    def test_changed_products_come_from_the_channel_when_available(self):
        team_cls = type(self.account.team_id)
        calls = []

        def _get_publishable_changed_since(team, since, products=None, warehouse=None):
            calls.append((team, since, warehouse))
            return self.mug | self.cap

        team_cls._get_publishable_changed_since = _get_publishable_changed_since
        try:
            since = fields.Datetime.now() - timedelta(hours=1)
            changed = self.account._letzshop_changed_products(since=since)
            action = self.account.action_view_changed_products()
        finally:
            del team_cls._get_publishable_changed_since
        self.assertEqual(changed, self.mug | self.cap)
        self.assertEqual(calls[0], (self.account.team_id, since, self.warehouse))
        self.assertEqual(action["res_model"], "product.product")
        self.assertEqual(set(action["domain"][0][2]), set((self.mug | self.cap).ids))
