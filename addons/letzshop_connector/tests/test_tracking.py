from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import LetzshopCase


@tagged("post_install", "-at_install")
class TestTracking(LetzshopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "LZ Post",
                "product_id": cls.env["product.product"]
                .create({"name": "LZ shipping", "type": "service"})
                .id,
                "letzshop_tracking_provider": "post_lu",
            }
        )

    def _confirmed_order(self):
        self.set_stock(self.mug, 5)
        shipment = self.add_shipment([(self.mug, 2, 11.7)])
        self.import_now()
        order = self.order_of(shipment)
        with trap_jobs() as trap:
            order.action_letzshop_confirm_all()
            trap.perform_enqueued_jobs()
        return shipment, order

    @staticmethod
    def _tracking_job(order):
        # only the tracking job counts: other addons may queue their own work
        # when a delivery is validated (invoicing on delivery, for one)
        return order.letzshop_shipment_id._letzshop_job_send_tracking

    def _ship(self, picking, ref):
        picking.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": ref})
        picking.move_ids.quantity = 2
        picking.move_ids.picked = True
        picking.button_validate()

    def test_tracking_sent_when_delivery_done(self):
        shipment, order = self._confirmed_order()
        picking = order.picking_ids
        with trap_jobs() as trap:
            self._ship(picking, "LU123456789")
            self.assertEqual(picking.state, "done")
            trap.assert_jobs_count(1, only=self._tracking_job(order))
            binding = order.letzshop_shipment_id
            self.assertEqual(binding.tracking_code, "LU123456789")
            self.assertEqual(binding.tracking_state, "queued")
            trap.perform_enqueued_jobs()
        self.assertEqual(
            shipment["tracking"], {"code": "LU123456789", "provider": "post_lu"}
        )
        self.assertEqual(binding.tracking_state, "sent")
        self.assertIn("setShipmentTracking", self.server.requests[-1]["query"])

    def test_tracking_kept_when_letzshop_refuses(self):
        shipment, order = self._confirmed_order()
        shipment["id"] = "vanished"
        self._ship(order.picking_ids, "LU000000001")
        (job,) = self.run_queued("_letzshop_job_send_tracking")
        self.assertEqual(job.db_record().state, "failed")
        binding = order.letzshop_shipment_id
        self.assertEqual(binding.tracking_state, "failed")
        self.assertEqual(binding.tracking_code, "LU000000001")
        self.assertEqual(order.picking_ids.carrier_tracking_ref, "LU000000001")
        self.assertIn("unknown shipment", binding.tracking_error)

    def test_tracking_added_after_validation_and_not_twice(self):
        _shipment, order = self._confirmed_order()
        picking = order.picking_ids
        with trap_jobs() as trap:
            picking.carrier_id = self.carrier
            picking.move_ids.quantity = 2
            picking.move_ids.picked = True
            picking.button_validate()
            trap.assert_jobs_count(
                0, only=self._tracking_job(order)
            )  # no tracking number yet
            picking.carrier_tracking_ref = "LU42"
            trap.assert_jobs_count(1, only=self._tracking_job(order))
            picking.carrier_tracking_ref = "LU42"
            trap.assert_jobs_count(1, only=self._tracking_job(order))

    def test_tracking_without_carrier_uses_the_account_default(self):
        _shipment, order = self._confirmed_order()
        self.account.tracking_carrier_id = self.carrier
        picking = order.picking_ids
        with trap_jobs() as trap:
            picking.carrier_tracking_ref = "LU77"
            picking.move_ids.quantity = 2
            picking.move_ids.picked = True
            picking.button_validate()
            self.assertFalse(picking.carrier_id)
            trap.assert_jobs_count(1, only=self._tracking_job(order))
        binding = order.letzshop_shipment_id
        self.assertEqual(binding.tracking_provider, "post_lu")
        self.assertEqual(binding.tracking_state, "queued")

    def test_tracking_without_any_carrier_is_listed_not_skipped(self):
        shipment, order = self._confirmed_order()
        picking = order.picking_ids
        with trap_jobs() as trap:
            picking.carrier_tracking_ref = "LU78"
            picking.move_ids.quantity = 2
            picking.move_ids.picked = True
            picking.button_validate()
            trap.assert_jobs_count(0, only=self._tracking_job(order))
        binding = order.letzshop_shipment_id
        self.assertEqual(binding.tracking_state, "failed")
        self.assertIn(picking.name, binding.tracking_error)
        self.assertIn("Default Carrier", binding.tracking_error)
        self.assertIn("Tracking not sent", binding.attention_reason)
        # the vendor sets the default carrier and sends it again
        self.account.tracking_carrier_id = self.carrier
        with trap_jobs() as trap:
            binding.action_send_tracking()
            trap.assert_jobs_count(1, only=self._tracking_job(order))
            trap.perform_enqueued_jobs()
        self.assertEqual(binding.tracking_state, "sent")
        self.assertEqual(shipment["tracking"], {"code": "LU78", "provider": "post_lu"})

    def test_warehouse_user_validates_letzshop_delivery(self):
        _shipment, order = self._confirmed_order()
        user = self.env["res.users"].create(
            {
                "name": "LZ picker",
                "login": "lz_picker",
                "group_ids": [(6, 0, [self.env.ref("stock.group_stock_user").id])],
            }
        )
        picking = order.picking_ids.with_user(user)
        with trap_jobs() as trap:
            self._ship(picking, "LU777")
            trap.assert_jobs_count(1, only=self._tracking_job(order))
            trap.perform_enqueued_jobs()
        self.assertEqual(order.letzshop_shipment_id.tracking_state, "sent")
