# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from ..natural_sort import natural_key
from .common import BinLocationsCase


@tagged("post_install", "-at_install")
class TestNaturalSort(BinLocationsCase):
    def test_key(self):
        names = ["A-10", "a-2", "A-1-10", "A-1-9", "B-1", "A-02"]
        self.assertEqual(
            sorted(names, key=natural_key),
            ["A-1-9", "A-1-10", "a-2", "A-02", "A-10", "B-1"],
        )
        self.assertEqual(natural_key(False), "")

    def test_locations_sort_naturally_in_sql(self):
        bins = self.env["stock.location"].search(
            [("id", "in", (self.bin_a2 | self.bin_a3 | self.bin_a10).ids)],
            order="bin_sort_key",
        )
        self.assertEqual(bins.mapped("name"), ["T-A-2", "T-A-3", "T-A-10"])
        self.bin_a10.name = "T-A-1"
        self.assertEqual(
            self.bin_a10.bin_sort_key, natural_key(self.stock.complete_name + "/T-A-1")
        )

    def test_move_lines_follow_the_bins(self):
        self.put_in_stock(self.p1, self.bin_a10, 1)
        self.put_in_stock(self.p2, self.bin_a2, 1)
        self.put_in_stock(self.p3, self.bin_a3, 1)
        picking = self.make_delivery([(self.p1, 1), (self.p2, 1), (self.p3, 1)])
        picking.invalidate_recordset(
            ["move_line_ids"]
        )  # read them back as the form does
        self.assertEqual(
            picking.move_line_ids.location_id.mapped("name"),
            ["T-A-2", "T-A-3", "T-A-10"],
        )
        # The picking form's detailed operations read the same order from the database.
        lines = self.env["stock.move.line"].search([("picking_id", "=", picking.id)])
        self.assertEqual(lines.location_id.mapped("name"), ["T-A-2", "T-A-3", "T-A-10"])
        # Each operation shows its bin.
        by_product = {m.product_id: m.bin_location_id for m in picking.move_ids}
        self.assertEqual(by_product[self.p1], self.bin_a10)
        self.assertEqual(by_product[self.p2], self.bin_a2)

    def test_install_fills_move_line_keys_in_sql(self):
        self.put_in_stock(self.p1, self.bin_a10, 1)
        picking = self.make_delivery([(self.p1, 1)])
        line = picking.move_line_ids
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_move_line SET bin_sort_key = NULL WHERE id = %s", [line.id]
        )
        line.invalidate_recordset(["bin_sort_key"])
        self.env["stock.move.line"]._bin_fill_sort_keys()
        self.assertEqual(line.bin_sort_key, self.bin_a10.bin_sort_key)
