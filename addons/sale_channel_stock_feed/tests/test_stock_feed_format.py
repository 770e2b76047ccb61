# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
import json

from odoo.tests import BaseCase

from .. import stock_feed


class TestStockFeedFormat(BaseCase):
    def test_since_accepts_the_cursor_and_iso_dates(self):
        expected = datetime.datetime(2026, 3, 1, 10, 0, 0)
        self.assertEqual(stock_feed.parse_since("2026-03-01T10:00:00Z"), expected)
        self.assertEqual(stock_feed.parse_since("2026-03-01 10:00:00"), expected)
        self.assertEqual(stock_feed.parse_since("2026-03-01T11:00:00+01:00"), expected)
        self.assertEqual(stock_feed.format_cursor(expected), "2026-03-01T10:00:00Z")
        self.assertIsNone(stock_feed.parse_since(""))
        self.assertIsNone(stock_feed.parse_since(None))
        for bad in ("yesterday", "2026-13-01", "01/03/2026"):
            with self.assertRaises(ValueError):
                stock_feed.parse_since(bad)

    def test_csv_and_json_bodies(self):
        rows = [
            {"product_id": 7, "sku": "A,1", "gtin": "", "quantity": 3},
            {"product_id": 9, "sku": "", "gtin": "5901234123457", "quantity": 0},
        ]
        self.assertEqual(
            stock_feed.render_csv(rows),
            'product_id,sku,gtin,quantity\n7,"A,1",,3\n9,,5901234123457,0\n',
        )
        body = json.loads(
            stock_feed.render_json(rows, "Web shop", "2026-03-01T10:00:00Z")
        )
        self.assertEqual(body["channel"], "Web shop")
        self.assertIsNone(body["since"])
        self.assertEqual(body["next_since"], "2026-03-01T10:00:00Z")
        self.assertEqual(
            body["products"][1],
            {"product_id": 9, "sku": None, "gtin": "5901234123457", "quantity": 0},
        )
