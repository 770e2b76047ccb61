# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import LabelCarrierMixin, ShippingCase


@tagged("post_install", "-at_install")
class TestBatchLabels(LabelCarrierMixin, ShippingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.shipping_rule = "none"

    def _deliveries(self, count):
        pickings = self.env["stock.picking"]
        for _i in range(count):
            order = self._order(qty=1)
            order.carrier_id = self.label_carrier
            order.action_confirm()
            pickings |= order.picking_ids
        return pickings

    def test_create_then_print_labels(self):
        pickings = self._deliveries(3)
        pickings[2].carrier_id = self.rule_post  # no labels from a price rule
        with trap_jobs() as trap:
            action = pickings.with_user(self.worker).action_create_labels()
            trap.assert_jobs_count(2)
            self.assertIn("2 of 3 labels queued", action["params"]["message"])
            self.assertIn("1 have no carrier", action["params"]["message"])
            self.assertEqual(
                pickings[:2].mapped("shipping_label_state"), ["queued"] * 2
            )
            trap.perform_enqueued_jobs()
        self.assertTrue(pickings[0].carrier_tracking_ref)
        self.assertTrue(pickings[1].carrier_tracking_ref)
        self.assertFalse(pickings[2].carrier_tracking_ref)
        self.assertFalse(pickings[0].shipping_label_state)
        # asked again: nothing is labelled twice
        with trap_jobs() as trap:
            action = pickings.with_user(self.worker).action_create_labels()
            trap.assert_jobs_count(0)
            self.assertIn("2 already have a label", action["params"]["message"])
        self.assertEqual(len(self.fake.calls("announce")), 2)
        # one PDF with both labels, in the selection's order
        action = pickings.with_user(self.worker).action_print_labels()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        reader = PdfFileReader(io.BytesIO(attachment.raw))
        self.assertEqual(len(reader.pages), 2)
        self.assertIn(pickings[0].carrier_tracking_ref, reader.pages[0].extract_text())
        self.assertIn(pickings[1].carrier_tracking_ref, reader.pages[1].extract_text())

    def test_refused_label_is_kept_on_the_delivery(self):
        picking = self._deliveries(1)
        picking.partner_id.street = False
        with trap_jobs() as trap:
            picking.action_create_labels()
            trap.perform_enqueued_jobs()
        self.assertEqual(picking.shipping_label_state, "failed")
        self.assertIn("Street", picking.shipping_label_error)
        self.assertFalse(picking.carrier_tracking_ref)
        with self.assertRaisesRegex(UserError, "has a label yet"):
            picking.action_print_labels()

    def test_accountant_like_user_cannot_queue_labels(self):
        picking = self._deliveries(1)
        nobody = self.env["res.users"].create(
            {"name": "No stock", "login": "fs_nostock", "group_ids": []}
        )
        with self.assertRaises(AccessError):
            picking.with_user(nobody).action_create_labels()

    def test_label_cost_charged_only_when_the_channel_says_so(self):
        self.label_carrier.write({"invoice_policy": "real", "prod_environment": True})
        line_team = self.env["crm.team"].create(
            {"name": "Own shop (labels)", "shipping_charge": "line"}
        )
        marketplace = self._deliveries(1)
        own_shop = self._deliveries(1)
        own_shop.sale_id.team_id = line_team
        with trap_jobs() as trap:
            (marketplace | own_shop).action_create_labels()
            trap.perform_enqueued_jobs()
        self.assertTrue(marketplace.carrier_tracking_ref)
        self.assertTrue(own_shop.carrier_tracking_ref)
        # the marketplace customer paid shipping to the marketplace: no line
        self.assertFalse(marketplace.sale_id.order_line.filtered("is_delivery"))
        line = own_shop.sale_id.order_line.filtered("is_delivery")
        self.assertEqual(len(line), 1)
        self.assertEqual(line.price_unit, 4.95)
