# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import csv
import io

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestStockFeed(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        Team = cls.env["crm.team"]
        cls.web = Team.create(
            {
                "name": "SF Web shop",
                "company_id": cls.company.id,
                "atp_warehouse_id": cls.warehouse.id,
            }
        )
        cls.market = Team.create(
            {
                "name": "SF Market",
                "company_id": cls.company.id,
                "atp_warehouse_id": cls.warehouse.id,
                "atp_buffer_type": "units",
                "atp_buffer_qty": 2,
            }
        )
        Product = cls.env["product.product"]
        cls.mug = Product.create(
            {
                "name": "SF Mug",
                "is_storable": True,
                "default_code": "SF-MUG",
                "barcode": "5901234123457",
            }
        )
        cls.cap = Product.create(
            {"name": "SF Cap", "is_storable": True, "default_code": "SF-CAP"}
        )
        cls.unnamed = Product.create({"name": "SF No reference", "is_storable": True})
        cls.set_stock(cls.mug, 10)
        cls.set_stock(cls.cap, 1)
        cls.set_stock(cls.unnamed, 5)
        cls.web.action_stock_feed_new_token()
        cls.market.action_stock_feed_new_token()
        cls.env["ir.config_parameter"].set_param("sale_channel_stock_feed.limit", 1000)

    @classmethod
    def set_stock(cls, product, qty):
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.warehouse.lot_stock_id, qty
        )

    def _path(self, team, fmt="csv", token=None):
        token = token or team.sudo().stock_feed_token
        return f"/sale_channel/stock/{team.id}/{token}/stock.{fmt}"

    def _csv(self, team, **params):
        response = self.url_open(self._path(team), params=params or None)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
        return {row["sku"]: row for row in csv.DictReader(io.StringIO(response.text))}

    def test_each_channel_publishes_its_own_quantity(self):
        web = self._csv(self.web)
        market = self._csv(self.market)
        self.assertEqual(web["SF-MUG"]["quantity"], "10")
        self.assertEqual(market["SF-MUG"]["quantity"], "8")  # buffer of 2 units
        self.assertEqual(web["SF-MUG"]["gtin"], "5901234123457")
        self.assertEqual(web["SF-MUG"]["product_id"], str(self.mug.id))
        self.assertEqual(
            (web["SF-CAP"]["quantity"], market["SF-CAP"]["quantity"]), ("1", "0")
        )
        self.assertNotIn("SF No reference", str(web))  # nothing to match it by
        self.assertEqual(
            len([r for r in web.values() if r["product_id"] == str(self.unnamed.id)]), 0
        )

        response = self.url_open(self._path(self.market, "json"))
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["channel"], "SF Market")
        products = {p["sku"]: p for p in body["products"]}
        self.assertEqual(products["SF-MUG"]["quantity"], 8)
        self.assertEqual(products["SF-MUG"]["gtin"], "5901234123457")
        self.assertIsNone(products["SF-CAP"]["gtin"])
        self.assertEqual(
            body["next_since"], response.headers["X-Stock-Feed-Next-Since"]
        )

    def test_incoming_stock_counts_on_the_channel_that_counts_it(self):
        self.market.write({"atp_count_incoming": True, "atp_incoming_days": 7})
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.cap.id,
                            "product_uom_qty": 5,
                            "location_id": self.env.ref(
                                "stock.stock_location_suppliers"
                            ).id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                        },
                    )
                ],
            }
        )
        receipt.action_confirm()
        self.assertEqual(self._csv(self.market)["SF-CAP"]["quantity"], "4")  # 1+5-2
        self.assertEqual(self._csv(self.web)["SF-CAP"]["quantity"], "1")

    def test_changed_set_since_a_cursor(self):
        # Everything so far happened two days ago, then the cap sold out.
        for table in ("stock_move", "stock_quant"):
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET write_date = now() - interval '2 days'",
                    SQL.identifier(table),
                )
            )
        self.env.cr.execute(
            "UPDATE crm_team SET atp_settings_date = now() - interval '3 days'"
        )
        self.env.invalidate_all()
        self.set_stock(self.cap, -1)
        self.env.cr.execute(
            "SELECT to_char(now() AT TIME ZONE 'UTC' - interval '1 day', "
            '\'YYYY-MM-DD"T"HH24:MI:SS"Z"\')'
        )
        since = self.env.cr.fetchone()[0]
        changed = self._csv(self.web, since=since)
        self.assertEqual(list(changed), ["SF-CAP"])
        self.assertEqual(changed["SF-CAP"]["quantity"], "0")
        body = self.url_open(self._path(self.web, "json"), params={"since": since})
        body = body.json()
        self.assertEqual([p["sku"] for p in body["products"]], ["SF-CAP"])
        self.assertEqual(body["since"], since)
        # Without a cursor, the feed lists every product.
        self.assertLessEqual({"SF-MUG", "SF-CAP"}, set(self._csv(self.web)))
        # A change of the channel's own settings changes every product.
        self.web.atp_buffer_qty = 1
        self.assertLessEqual(
            {"SF-MUG", "SF-CAP"}, set(self._csv(self.web, since=since))
        )

    def test_bad_cursor_is_refused(self):
        response = self.url_open(self._path(self.web), params={"since": "yesterday"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("since", response.text)

    def test_wrong_token_is_not_found(self):
        web_token = self.web.sudo().stock_feed_token
        for path in (
            self._path(self.web, token="wrong-token"),
            self._path(self.market, token=web_token),  # another channel's token
            f"/sale_channel/stock/999999/{web_token}/stock.csv",
        ):
            response = self.url_open(path)
            self.assertEqual(response.status_code, 404, path)
            self.assertEqual(response.text, "Not Found")  # no detail
        self.assertEqual(self.url_open(self._path(self.web, "xml")).status_code, 404)
        self.web.action_stock_feed_revoke()
        self.assertFalse(self.web.stock_feed_enabled)
        self.assertEqual(
            self.url_open(self._path(self.web, token=web_token)).status_code, 404
        )
        self.web.active = False
        self.market.active = False
        self.assertEqual(self.url_open(self._path(self.market)).status_code, 404)

    def test_requests_are_rate_limited(self):
        self.env["ir.config_parameter"].set_param("sale_channel_stock_feed.limit", 2)
        self.assertEqual(self.url_open(self._path(self.web)).status_code, 200)
        wrong = self.url_open(self._path(self.web, token="guess"))
        self.assertEqual(wrong.status_code, 404)
        refused = self.url_open(self._path(self.web))
        self.assertEqual(refused.status_code, 429)
        self.assertGreater(int(refused.headers["Retry-After"]), 0)
        self.assertNotIn("SF-MUG", refused.text)

    def test_token_is_write_only_below_system_administrators(self):
        manager = new_test_user(
            self.env, "sf_manager", groups="sales_team.group_sale_manager"
        )
        salesman = new_test_user(
            self.env, "sf_salesman", groups="sales_team.group_sale_salesman"
        )
        old_token = self.web.sudo().stock_feed_token
        for user in (manager, salesman):
            team = self.web.with_user(user)
            self.assertTrue(team.stock_feed_enabled)
            with self.assertRaises(AccessError):
                team.read(["stock_feed_token"])
            with self.assertRaises(AccessError):
                _token = team.stock_feed_token
        with self.assertRaises(AccessError):
            self.web.with_user(salesman).action_stock_feed_new_token()
        with self.assertRaises(AccessError):
            self.web.with_user(salesman).action_stock_feed_revoke()

        action = self.web.with_user(manager).action_stock_feed_new_token()
        new_token = self.web.sudo().stock_feed_token
        self.assertNotEqual(new_token, old_token)
        message = action["params"]["message"]
        self.assertIn(
            f"/sale_channel/stock/{self.web.id}/{new_token}/stock.csv", message
        )
        self.assertIn(
            f"/sale_channel/stock/{self.web.id}/{new_token}/stock.json", message
        )
        self.assertEqual(
            self.url_open(self._path(self.web, token=old_token)).status_code, 404
        )
        self.assertEqual(self.url_open(self._path(self.web)).status_code, 200)
        # A system administrator reads it.
        admin = new_test_user(self.env, "sf_admin", groups="base.group_system")
        self.assertEqual(self.web.with_user(admin).stock_feed_token, new_token)
