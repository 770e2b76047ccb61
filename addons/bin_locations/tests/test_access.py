# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BinLocationsCase

FORBIDDEN_KEYS = ("price", "amount", "cost", "value", "email", "phone", "vat", "total")


@tagged("post_install", "-at_install")
class TestAccess(BinLocationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.put_in_stock(cls.p2, cls.bin_a2, 5)
        cls.picking = cls.make_delivery([(cls.p2, 2)])

    def _keys(self, data):
        if isinstance(data, dict):
            for key, value in data.items():
                yield key
                yield from self._keys(value)
        elif isinstance(data, list):
            for value in data:
                yield from self._keys(value)

    def test_scan_payloads_hold_no_price_nor_customer_data(self):
        picking = self.picking.with_user(self.warehouse_user)
        payloads = [
            picking.bin_scan_data(),
            picking.env["stock.picking"].bin_scan_pickings(),
            picking.bin_scan_barcode("T-A-2"),
            picking.bin_scan_barcode("4006381000028", bin_id=self.bin_a2.id),
        ]
        text = json.dumps(payloads)
        for forbidden in ("987.65", "432.1", "customer@example.com", "+352 111 222"):
            self.assertNotIn(forbidden, text)
        for key in self._keys(payloads):
            self.assertFalse(
                any(word in key for word in FORBIDDEN_KEYS), f"key {key} leaks"
            )
        # The shipping label is there.
        self.assertEqual(payloads[0]["shipping"]["street"], "1 Rue du Test")

    def test_user_without_inventory_rights_is_refused(self):
        employee = new_test_user(
            self.env, login="bin_plain_user", groups="base.group_user"
        )
        picking = self.picking.with_user(employee)
        with self.assertRaises(AccessError):
            picking.bin_scan_data()
        with self.assertRaises(AccessError):
            self.env["stock.picking"].with_user(employee).bin_scan_pickings()
        with self.assertRaises(AccessError):
            picking.bin_scan_barcode("T-A-2")

    def test_other_company_transfer_is_refused(self):
        other = self.env["res.company"].create({"name": "Bin Other Co"})
        wh_other = self.env["stock.warehouse"].search(
            [("company_id", "=", other.id)], limit=1
        )
        foreign = self.env["stock.picking"].create(
            {
                "picking_type_id": wh_other.out_type_id.id,
                "location_id": wh_other.lot_stock_id.id,
                "location_dest_id": self.customers.id,
                "company_id": other.id,
            }
        )
        Picking = self.env["stock.picking"].with_user(self.warehouse_user)
        with self.assertRaises(AccessError):
            foreign.with_user(self.warehouse_user).bin_scan_data()
        self.assertFalse(Picking.bin_scan_open(foreign.name)["ok"])

    def test_warehouse_user_cannot_create_bins(self):
        with self.assertRaises(AccessError):
            self.env["bin.generate.wizard"].with_user(self.warehouse_user).create(
                {"aisles": "A", "shelves": "1"}
            )
