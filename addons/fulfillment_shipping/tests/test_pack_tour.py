# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import LabelCarrierMixin, ShippingCase


@tagged("post_install", "-at_install")
class TestPackTour(LabelCarrierMixin, ShippingCase, HttpCase):
    """On a phone, the worker picks, weighs, validates: the label is made, the
    tracking number shown and the label opened; the customer is e-mailed."""

    browser_size = "360x740"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.shipping_rule = "none"
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.bin = cls.env["stock.location"].create(
            {
                "name": "FS-B-1",
                "location_id": warehouse.lot_stock_id.id,
                "barcode": "FS-B-1",
            }
        )
        cls.packed = cls.env["product.product"].create(
            {
                "name": "Packed teapot",
                "is_storable": True,
                "weight": 0.5,
                "barcode": "4006381000097",
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.packed, cls.bin, 5)
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "team_id": cls.team.id,
                "carrier_id": cls.label_carrier.id,
                "order_line": [
                    (0, 0, {"product_id": cls.packed.id, "product_uom_qty": 2})
                ],
            }
        )
        order.action_confirm()
        cls.picking = order.picking_ids
        cls.picking.name = "FSTOUR/OUT/001"

    def test_pack_and_label_on_a_phone(self):
        self.assertEqual(self.picking.state, "assigned")
        self.assertEqual(self.picking.carrier_id, self.label_carrier)
        self.start_tour(
            "/odoo/action-bin_locations.stock_picking_action_scan",
            "fulfillment_shipping_pack_tour",
            login="fs_worker",
        )
        self.assertEqual(self.picking.state, "done")
        self.assertEqual(self.picking.shipping_weight, 1.25)
        self.assertEqual(self.picking.parcel_count, 2)
        # two parcels: two labels, two tracking numbers
        announce = self.fake.calls("announce")
        self.assertEqual(len(announce), 1)
        self.assertEqual(len(announce[0]["json"]["parcels"]), 2)
        self.assertEqual(len(self.picking.carrier_tracking_ref.split(",")), 2)
        self.assertEqual(len(self.picking._fulfillment_label_attachments()), 2)
        self.assertTrue(self.picking.shipping_mail_sent)

    def test_scan_view_without_carrier_asks_nothing(self):
        self.picking.carrier_id = False
        payload = self.picking.with_user(self.worker).bin_scan_data()
        self.assertFalse(payload["pack"])
        payload = self.picking.with_user(self.worker).bin_scan_data()
        self.picking.carrier_id = self.label_carrier
        payload = self.picking.with_user(self.worker).bin_scan_data()
        self.assertEqual(payload["pack"]["weight"], 1.0)
        self.assertNotIn("price", str(payload["pack"]))

    def test_weight_is_required(self):
        line = self.picking.move_line_ids
        line.bin_scanned_qty = 2
        with self.assertRaisesRegex(Exception, "enter the weight"):
            self.picking.with_user(self.worker).bin_scan_validate(
                pack={"weight": 0, "parcel_count": 1}
            )
