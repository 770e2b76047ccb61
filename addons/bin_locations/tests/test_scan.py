# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BinLocationsCase


@tagged("post_install", "-at_install")
class TestScan(BinLocationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.put_in_stock(cls.p1, cls.bin_a10, 5)
        cls.put_in_stock(cls.p2, cls.bin_a2, 5)
        cls.put_in_stock(cls.p3, cls.bin_a3, 5)

    def setUp(self):
        super().setUp()
        self.picking = self.make_delivery(
            [(self.p1, 1), (self.p2, 2), (self.p3, 1)]
        ).with_user(self.warehouse_user)

    def _line(self, product):
        return self.picking.move_line_ids.filtered(lambda ml: ml.product_id == product)

    def test_payload_in_bin_order(self):
        data = self.picking.bin_scan_data()
        self.assertEqual(
            [ln["bin"]["name"] for ln in data["lines"]], ["T-A-2", "T-A-3", "T-A-10"]
        )
        self.assertEqual(data["lines"][0]["product"]["code"], "T-SKU-2")
        self.assertEqual(data["lines"][0]["qty"], 2)
        self.assertEqual(data["shipping"]["city"], "Luxembourg")
        listed = (
            self.env["stock.picking"].with_user(self.warehouse_user).bin_scan_pickings()
        )
        self.assertIn(self.picking.id, [p["id"] for p in listed])

    def test_open_by_reference(self):
        Picking = self.env["stock.picking"].with_user(self.warehouse_user)
        result = Picking.bin_scan_open(self.picking.name)
        self.assertTrue(result["ok"])
        self.assertEqual(result["picking"]["id"], self.picking.id)
        self.assertFalse(Picking.bin_scan_open("NO/SUCH/REF")["ok"])

    def test_scan_bin_then_product_counts_up(self):
        result = self.picking.bin_scan_barcode("T-A-2")
        self.assertTrue(result["ok"])
        self.assertEqual(result["bin"]["id"], self.bin_a2.id)
        result = self.picking.bin_scan_barcode("4006381000028", bin_id=self.bin_a2.id)
        self.assertTrue(result["ok"])
        self.assertEqual(result["line"]["scanned"], 1)
        # By SKU as well as by EAN.
        result = self.picking.bin_scan_barcode("T-SKU-2", bin_id=self.bin_a2.id)
        self.assertEqual(result["line"]["scanned"], 2)
        self.assertEqual(self._line(self.p2).bin_scanned_qty, 2)
        # One more is refused: everything is counted.
        result = self.picking.bin_scan_barcode("4006381000028", bin_id=self.bin_a2.id)
        self.assertFalse(result["ok"])
        self.assertEqual(result["sound"], "error")
        self.assertEqual(self._line(self.p2).bin_scanned_qty, 2)

    def test_wrong_scans_change_nothing(self):
        cases = [
            ("4006381000011", False, "Scan the bin first"),
            (
                "4006381000011",
                self.bin_a2.id,
                "Wrong bin for .*Bin test product 1: take it from T-A-10, not T-A-2",
            ),
            (
                "4006381000042",
                self.bin_a2.id,
                "Wrong product: .*Bin test product 4.* is not part of",
            ),
            ("NOPE-123", False, "Unknown barcode NOPE-123"),
        ]
        for code, bin_id, message in cases:
            with self.subTest(code=code):
                result = self.picking.bin_scan_barcode(code, bin_id=bin_id)
                self.assertFalse(result["ok"])
                self.assertRegex(result["message"], message)
        empty_bin = self.env["stock.location"].create(
            {"name": "T-B-1", "location_id": self.stock.id, "barcode": "T-B-1"}
        )
        result = self.picking.bin_scan_barcode("T-B-1")
        self.assertFalse(result["ok"])
        self.assertIn("T-B-1 holds nothing", result["message"])
        self.assertIn(empty_bin.name, result["message"])
        self.assertEqual(sum(self.picking.move_line_ids.mapped("bin_scanned_qty")), 0)

    def test_typed_quantity(self):
        line = self._line(self.p2)
        result = self.picking.bin_scan_set_quantity(line.id, "2")
        self.assertTrue(result["ok"])
        self.assertEqual(line.bin_scanned_qty, 2)
        result = self.picking.bin_scan_set_quantity(line.id, 3)
        self.assertFalse(result["ok"])
        self.assertIn("Only 2.0", result["message"])
        self.assertFalse(self.picking.bin_scan_set_quantity(line.id, -1)["ok"])
        self.assertFalse(self.picking.bin_scan_set_quantity(line.id, "abc")["ok"])
        self.assertEqual(line.bin_scanned_qty, 2)

    def test_validate_complete(self):
        with self.assertRaisesRegex(UserError, "Nothing is scanned"):
            self.picking.bin_scan_validate()
        for line in self.picking.move_line_ids:
            self.picking.bin_scan_set_quantity(line.id, line.quantity)
        result = self.picking.bin_scan_validate()
        self.assertTrue(result["done"])
        self.assertEqual(self.picking.state, "done")
        self.assertEqual(self.p2.with_context(location=self.bin_a2.id).qty_available, 3)

    def test_validate_partial_asks_for_backorder(self):
        self.picking.bin_scan_set_quantity(self._line(self.p2).id, 1)
        self.picking.bin_scan_set_quantity(self._line(self.p3).id, 1)
        result = self.picking.bin_scan_validate()
        self.assertFalse(result["done"])
        self.assertEqual(result["action"]["res_model"], "stock.backorder.confirmation")
        wizard = (
            self.env["stock.backorder.confirmation"]
            .with_user(self.warehouse_user)
            .with_context(**result["action"]["context"])
            .create({})
        )
        wizard.process()
        self.assertEqual(self.picking.state, "done")
        backorder = self.env["stock.picking"].search(
            [("backorder_id", "=", self.picking.id)]
        )
        self.assertEqual(
            sorted((m.product_id.id, m.product_uom_qty) for m in backorder.move_ids),
            sorted([(self.p1.id, 1.0), (self.p2.id, 1.0)]),
        )
        done = {m.product_id: m.quantity for m in self.picking.move_ids}
        self.assertEqual(done[self.p2], 1)
        self.assertEqual(done[self.p3], 1)

    def test_receiving(self):
        self.p4.home_bin_id = self.bin_a3
        receipt = self.make_receipt([(self.p4, 2)]).with_user(self.warehouse_user)
        data = receipt.bin_scan_data()
        self.assertTrue(data["inbound"])
        self.assertEqual(data["lines"][0]["bin"]["name"], "T-A-3")
        result = receipt.bin_scan_barcode("T-A-10")
        self.assertFalse(result["ok"], "a bin before a product is refused")
        result = receipt.bin_scan_barcode("4006381000042")
        self.assertTrue(result["ok"])
        self.assertIn("suggested: T-A-3", result["message"])
        line_id = result["line"]["id"]
        result = receipt.bin_scan_barcode("4006381000042")
        self.assertEqual(result["line"]["scanned"], 2)
        # Put it somewhere else than the home bin.
        result = receipt.bin_scan_barcode("T-A-10", line_id=line_id)
        self.assertTrue(result["ok"])
        self.assertEqual(result["line"]["bin"]["name"], "T-A-10")
        outside = self.env["stock.location"].create(
            {"name": "Outside", "usage": "internal", "barcode": "T-OUT"}
        )
        self.assertFalse(receipt.bin_scan_barcode("T-OUT", line_id=line_id)["ok"])
        self.assertTrue(outside)
        self.assertTrue(receipt.bin_scan_validate()["done"])
        self.assertEqual(
            self.p4.with_context(location=self.bin_a10.id).qty_available, 2
        )

    def test_done_picking_is_refused(self):
        for line in self.picking.move_line_ids:
            self.picking.bin_scan_set_quantity(line.id, line.quantity)
        self.picking.bin_scan_validate()
        with self.assertRaisesRegex(UserError, "already"):
            self.picking.bin_scan_barcode("T-A-2")
        self.assertFalse(
            self.env["stock.picking"].bin_scan_open(self.picking.name)["ok"]
        )


@tagged("post_install", "-at_install")
class TestScanGtin(BinLocationsCase):
    """A product is found whatever notation of its GTIN the scanner reads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.p_ean, cls.p_gtin14 = cls.env["product.product"].create(
            [
                # stored as EAN-13
                {"name": "Marker", "is_storable": True, "barcode": "4006381333931"},
                # stored as GTIN-14, printed on the box as UPC-A
                {"name": "Gum", "is_storable": True, "barcode": "00036000291452"},
            ]
        )
        cls.put_in_stock(cls.p_ean, cls.bin_a2, 5)
        cls.put_in_stock(cls.p_gtin14, cls.bin_a3, 5)

    def setUp(self):
        super().setUp()
        self.picking = self.make_delivery(
            [(self.p_ean, 3), (self.p_gtin14, 3)]
        ).with_user(self.warehouse_user)

    def _scanned(self, product):
        return self.picking.move_line_ids.filtered(
            lambda ml: ml.product_id == product
        ).bin_scanned_qty

    def test_picking_by_any_notation(self):
        for code in ("4006381333931", "04006381333931", "(01)04006381333931"):
            with self.subTest(code=code):
                result = self.picking.bin_scan_barcode(code, bin_id=self.bin_a2.id)
                self.assertTrue(result["ok"], result["message"])
                self.assertEqual(result["line"]["product"]["id"], self.p_ean.id)
        self.assertEqual(self._scanned(self.p_ean), 3)
        for code in ("036000291452", "36000291452", "0036000291452"):
            with self.subTest(code=code):
                result = self.picking.bin_scan_barcode(code, bin_id=self.bin_a3.id)
                self.assertTrue(result["ok"], result["message"])
                self.assertEqual(result["line"]["product"]["id"], self.p_gtin14.id)
        self.assertEqual(self._scanned(self.p_gtin14), 3)

    def test_wrong_check_digit_is_unknown(self):
        result = self.picking.bin_scan_barcode("04006381333932", bin_id=self.bin_a2.id)
        self.assertFalse(result["ok"])
        self.assertIn("Unknown barcode 04006381333932", result["message"])
        self.assertEqual(self._scanned(self.p_ean), 0)

    def test_receiving_by_gtin14(self):
        receipt = self.make_receipt([(self.p_ean, 1)]).with_user(self.warehouse_user)
        result = receipt.bin_scan_barcode("]d20104006381333931")
        self.assertTrue(result["ok"], result["message"])
        self.assertEqual(result["line"]["product"]["id"], self.p_ean.id)
        self.assertEqual(result["line"]["scanned"], 1)
