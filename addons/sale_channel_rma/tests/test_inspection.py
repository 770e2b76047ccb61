# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import RmaCommon


@tagged("post_install", "-at_install")
class TestInspection(RmaCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_rma()
        cls.home_bin = cls.env["stock.location"].create(
            {"name": "RMA-HOME-1", "location_id": cls.stock.id, "barcode": "RMA-HOME-1"}
        )
        cls.product.home_bin_id = cls.home_bin
        cls.product.barcode = "4006381333931"
        cls.worker = new_test_user(
            cls.env,
            login="rma_worker",
            groups="stock.group_stock_user",
            company_id=cls.company.id,
        )

    def _in_stock(self, location=None):
        return self.product.with_context(
            location=(location or self.stock).id
        ).qty_available

    def _received_rma(self, qty=1):
        order = self._delivered_order(self.customer, qty=2)
        rma = self._rma_for(order, qty=qty)
        self.assertEqual(rma.state, "confirmed")
        picking = rma.reception_move_id.picking_id
        self.assertEqual(picking.picking_type_code, "incoming")
        self.assertEqual(picking.location_dest_id, self.returns_bin)
        # the phone scan view lists the receipt for the warehouse worker
        listed = self.env["stock.picking"].with_user(self.worker).bin_scan_pickings()
        self.assertIn(picking.id, [row["id"] for row in listed])
        # received on the phone: scan the product, validate
        scan = picking.with_user(self.worker)
        self.assertTrue(scan.bin_scan_open(picking.id)["ok"])
        for _i in range(qty):
            self.assertTrue(scan.bin_scan_barcode(self.product.barcode)["ok"])
        self.assertTrue(scan.bin_scan_validate()["done"])
        self.assertEqual(picking.state, "done")
        self.assertEqual(rma.state, "received")
        return rma

    def test_restock_goes_to_home_bin_and_follows_stock_and_atp(self):
        self.assertEqual(self._in_stock(), 10)
        rma = self._received_rma()
        # delivered 2, got 1 back into the returns bin, outside sellable stock
        self.assertEqual(self._in_stock(), 8)
        self.assertEqual(self._in_stock(self.returns_bin), 1)
        self.product.invalidate_recordset()
        atp_before = self.product.atp_qty_now
        rma.with_user(self.worker).action_inspect_restock()
        self.assertEqual(rma.inspection_decision, "restock")
        self.assertEqual(rma.inspection_move_id.state, "done")
        self.assertEqual(self._in_stock(self.returns_bin), 0)
        self.assertEqual(self._in_stock(self.home_bin), 1)
        self.assertEqual(self._in_stock(), 9)
        self.product.invalidate_recordset()
        self.assertEqual(self.product.atp_qty_now, atp_before + 1)
        with self.assertRaisesRegex(UserError, rma.name):
            rma.with_user(self.worker).action_inspect_scrap()

    def test_scrap_leaves_stock_unchanged(self):
        rma = self._received_rma()
        rma.with_user(self.worker).action_inspect_scrap()
        self.assertEqual(rma.inspection_decision, "scrap")
        self.assertEqual(rma.inspection_scrap_id.state, "done")
        self.assertEqual(self._in_stock(self.returns_bin), 0)
        self.assertEqual(self._in_stock(), 8)

    def test_send_back_to_customer(self):
        rma = self._received_rma()
        rma.with_user(self.worker).action_inspect_send_back()
        self.assertEqual(rma.state, "waiting_return")
        delivery = rma.delivery_move_ids.picking_id
        self.assertEqual(delivery.location_id, self.returns_bin)
        self.assertEqual(delivery.partner_id, self.customer)

    def test_not_received_cannot_be_inspected(self):
        order = self._delivered_order(self.customer)
        rma = self._rma_for(order)
        with self.assertRaisesRegex(UserError, rma.name):
            rma.with_user(self.worker).action_inspect_restock()
        self.assertFalse(rma.inspection_decision)
