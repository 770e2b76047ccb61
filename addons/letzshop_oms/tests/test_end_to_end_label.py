from odoo.tests import new_test_user, tagged

from odoo.addons.fulfillment_shipping.tests.common import LabelCarrierMixin
from odoo.addons.letzshop_connector.tests.common import LetzshopCase
from odoo.addons.queue_job.tests.common import trap_jobs


@tagged("post_install", "-at_install")
class TestLetzshopOrderShippedWithLabel(LabelCarrierMixin, LetzshopCase):
    """A Letzshop order shipped from the phone without the desktop: the worker
    picks and packs on the scan view, validates; Sendcloud makes the label, the
    tracking number goes to Letzshop and the customer receives the tracking
    e-mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bin = cls.env["stock.location"].create(
            {
                "name": "L-01-1",
                "barcode": "L-01-1",
                "usage": "internal",
                "location_id": cls.warehouse.lot_stock_id.id,
            }
        )
        cls.mug.with_context(warehouse_id=cls.warehouse.id).home_bin_id = cls.bin
        cls.mug.weight = 0.4
        cls.env["stock.quant"]._update_available_quantity(cls.mug, cls.bin, 5)
        cls.label_carrier.letzshop_tracking_provider = "postnl"
        cls.account.tracking_carrier_id = cls.label_carrier
        cls.picker = new_test_user(
            cls.env,
            login="oms_label_warehouse",
            groups="base.group_user,letzshop_oms.group_oms_warehouse",
        )

    def test_phone_validation_labels_and_tells_letzshop_and_customer(self):
        shipment = self.add_shipment(
            [(self.mug, 2, 11.7)], email="label.buyer@example.com", first_name="Lea"
        )
        self.import_now()
        order = self.order_of(shipment)
        with trap_jobs() as trap:
            order.action_letzshop_confirm_all()
            trap.perform_enqueued_jobs()
        picking = order.picking_ids.with_user(self.picker)
        picking.write({"carrier_id": self.label_carrier.id})
        scanned_bin = picking.bin_scan_barcode("L-01-1")
        for _unit in range(2):
            picking.bin_scan_barcode(self.mug.barcode, bin_id=scanned_bin["bin"]["id"])
        with trap_jobs() as trap:
            result = picking.bin_scan_validate(pack={"weight": 0.9, "parcel_count": 1})
            self.assertTrue(result["done"])
            self.assertEqual(picking.state, "done")
            trap.perform_enqueued_jobs()
        # the label was made by Sendcloud and is on the delivery
        self.assertEqual(len(self.fake.calls("announce")), 1)
        code = picking.carrier_tracking_ref
        self.assertTrue(code)
        # sudo: the test reads the label attachments and the mail flag as the
        # system would; the worker's own view is tested in fulfillment_shipping
        self.assertTrue(picking.sudo()._fulfillment_label_attachments())
        # Letzshop has the tracking number, with the carrier's Letzshop name
        self.assertEqual(shipment["tracking"], {"code": code, "provider": "postnl"})
        self.assertEqual(order.letzshop_shipment_id.tracking_state, "sent")
        # the customer has the tracking e-mail, once
        # sudo: see above, the flag as the system reads it
        self.assertTrue(picking.sudo().shipping_mail_sent)
