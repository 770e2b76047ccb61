# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import BinLocationsCase


@tagged("post_install", "-at_install")
class TestPicklist(BinLocationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.put_in_stock(cls.p1, cls.bin_a10, 5)
        cls.put_in_stock(cls.p2, cls.bin_a2, 5)
        cls.put_in_stock(cls.p3, cls.bin_a3, 5)
        cls.p5.home_bin_id = cls.bin_a3  # never in stock: listed under its home bin
        cls.order1 = cls.make_delivery([(cls.p1, 1), (cls.p2, 2)])
        cls.order2 = cls.make_delivery([(cls.p2, 1), (cls.p3, 1), (cls.p5, 4)])
        cls.batch = cls.order1 | cls.order2

    def test_rows_for_a_batch(self):
        rows = self.env["report.bin_locations.report_bin_picklist"]._picklist_rows(
            self.batch
        )
        summary = [
            (
                r["location"].name,
                r["product"].default_code,
                r["quantity"],
                r["reserved"],
            )
            for r in rows
        ]
        self.assertEqual(
            summary,
            [
                ("T-A-2", "T-SKU-2", 3.0, True),
                ("T-A-3", "T-SKU-3", 1.0, True),
                ("T-A-3", "T-SKU-5", 4.0, False),
                ("T-A-10", "T-SKU-1", 1.0, True),
            ],
        )
        per_order = {o["picking"]: o["quantity"] for o in rows[0]["orders"]}
        self.assertEqual(per_order, {self.order1: 2.0, self.order2: 1.0})

    def test_rendered_content(self):
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "bin_locations.report_bin_picklist", self.batch.ids
        )
        html = html.decode()
        self.assertIn("Pick list for 2 orders", html)
        positions = [
            html.index(code) for code in ("T-SKU-2", "T-SKU-3", "T-SKU-5", "T-SKU-1")
        ]
        self.assertEqual(positions, sorted(positions), "rows follow the bins")
        for text in (
            "4006381000028",
            "usual place, not reserved",
            "Bin Test Customer",
            "data:image",
        ):
            self.assertIn(text, html)
        self.assertNotIn("987.65", html)
        self.assertNotIn("987,65", html)

    def test_single_order_and_button(self):
        action = self.order1.action_print_bin_picklist()
        self.assertEqual(action["report_name"], "bin_locations.report_bin_picklist")
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "bin_locations.report_bin_picklist", self.order1.ids
        )
        self.assertIn(self.order1.name, html.decode())
