# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import BinLocationsCase


@tagged("post_install", "-at_install")
class TestHomeBin(BinLocationsCase):
    def test_home_bin_is_a_putaway_rule(self):
        self.p1.home_bin_id = self.bin_a3
        rule = self.env["stock.putaway.rule"].search([("product_id", "=", self.p1.id)])
        self.assertEqual(len(rule), 1)
        self.assertEqual(rule.location_in_id, self.stock)
        self.assertEqual(rule.location_out_id, self.bin_a3)
        self.p1.invalidate_recordset(["home_bin_id"])
        self.assertEqual(self.p1.home_bin_id, self.bin_a3)
        self.assertEqual(self.p1.product_tmpl_id.home_bin_id, self.bin_a3)
        # Moving it updates the same rule; clearing it removes the rule.
        self.p1.home_bin_id = self.bin_a10
        self.assertEqual(rule.location_out_id, self.bin_a10)
        self.p1.home_bin_id = False
        self.assertFalse(rule.exists())

    def test_set_from_product_form(self):
        with Form(self.p2.product_tmpl_id) as form:
            form.home_bin_id = self.bin_a2
        self.p2.invalidate_recordset(["home_bin_id"])
        self.assertEqual(self.p2.home_bin_id, self.bin_a2)

    def test_home_bin_outside_warehouse_is_refused(self):
        elsewhere = self.env["stock.location"].create(
            {"name": "Elsewhere", "usage": "internal"}
        )
        with self.assertRaisesRegex(
            ValidationError, "Bin test product 1.*Elsewhere.*is not inside"
        ):
            self.p1.home_bin_id = elsewhere

    def test_home_bin_per_warehouse(self):
        wh2 = self.env["stock.warehouse"].create({"name": "Bin WH 2", "code": "BW2"})
        shelf = self.env["stock.location"].create(
            {"name": "Z-1", "location_id": wh2.lot_stock_id.id}
        )
        self.p1.home_bin_id = self.bin_a2
        self.p1.with_context(warehouse_id=wh2.id).home_bin_id = shelf
        self.assertEqual(self.p1.with_context(warehouse_id=wh2.id).home_bin_id, shelf)
        self.assertEqual(
            self.p1.with_context(warehouse_id=self.warehouse.id).home_bin_id,
            self.bin_a2,
        )

    def test_receipt_puts_away_into_home_bin(self):
        self.p1.home_bin_id = self.bin_a10
        self.p2.home_bin_id = self.bin_a2
        receipt = self.make_receipt([(self.p1, 3), (self.p2, 2), (self.p3, 1)])
        dest = {ml.product_id: ml.location_dest_id for ml in receipt.move_line_ids}
        self.assertEqual(dest[self.p1], self.bin_a10)
        self.assertEqual(dest[self.p2], self.bin_a2)
        self.assertEqual(dest[self.p3], self.stock)
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            self.p1.with_context(location=self.bin_a10.id).qty_available, 3
        )

    def test_unreserved_line_shows_home_bin(self):
        self.p4.home_bin_id = self.bin_a3
        picking = self.make_delivery([(self.p4, 2)])
        self.assertFalse(picking.move_line_ids)
        self.assertEqual(picking.move_ids.bin_location_id, self.bin_a3)

    def test_product_label_shows_home_bin(self):
        self.p1.home_bin_id = self.bin_a10
        for print_format in ("2x7xprice", "4x12"):
            with self.subTest(print_format=print_format):
                wizard = self.env["product.label.layout"].create(
                    {"product_ids": [(6, 0, self.p1.ids)], "print_format": print_format}
                )
                xml_id, data = wizard._prepare_report_data()
                data = json.loads(json.dumps(data))  # as the web client sends it back
                report = self.env.ref(xml_id)
                html = self.env["ir.actions.report"]._render_qweb_html(
                    report, None, data=data
                )[0]
                self.assertIn("T-A-10", html.decode())

    def test_stock_list_shows_home_bin(self):
        self.p1.home_bin_id = self.bin_a2
        self.put_in_stock(self.p1, self.bin_a10, 2)  # out of place
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.p1.id), ("location_id", "=", self.bin_a10.id)]
        )
        self.assertEqual(quant.home_bin_id, self.bin_a2)
