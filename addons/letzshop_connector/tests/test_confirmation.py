from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import LetzshopCase


@tagged("post_install", "-at_install")
class TestConfirmation(LetzshopCase):
    def _imported(self, lines, **kw):
        shipment = self.add_shipment(lines, **kw)
        self.import_now()
        return shipment, self.order_of(shipment)

    def _unit_states(self, shipment):
        return [u["state"] for u in shipment["inventoryUnits"]]

    def test_confirm_whole_order(self):
        shipment, order = self._imported([(self.mug, 2, 11.7), (self.tee, 1, 23.4)])
        with trap_jobs() as trap:
            order.action_letzshop_confirm_all()
            trap.assert_jobs_count(1)
            self.assertEqual(order.letzshop_decision_state, "queued")
            self.assertEqual(self._unit_states(shipment), ["unconfirmed"] * 3)
            trap.perform_enqueued_jobs()
        self.assertEqual(self._unit_states(shipment), ["confirmed_available"] * 3)
        self.assertIn("confirmInventoryUnits", self.server.requests[-1]["query"])
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.letzshop_decision_state, "done")
        self.assertEqual(sum(order.picking_ids.move_ids.mapped("product_uom_qty")), 3)
        self.assertFalse(order.letzshop_has_pending_units)

    def test_partial_confirmation_per_line(self):
        shipment, order = self._imported([(self.mug, 3, 11.7), (self.tee, 1, 23.4)])
        mug = order.order_line.filtered(lambda line: line.product_id == self.mug)
        tee = order.order_line - mug
        mug.letzshop_available_qty = 1
        tee.letzshop_available_qty = 0
        with trap_jobs() as trap:
            order.action_letzshop_send_decision()
            trap.perform_enqueued_jobs()
        states = {u["id"]: u["state"] for u in shipment["inventoryUnits"]}
        self.assertEqual(
            sorted(states[uid] for uid in mug.letzshop_unit_ids),
            ["confirmed_available", "confirmed_unavailable", "confirmed_unavailable"],
        )
        self.assertEqual(states[tee.letzshop_unit_ids[0]], "confirmed_unavailable")
        self.assertEqual(order.state, "sale")
        self.assertEqual((mug.product_uom_qty, tee.product_uom_qty), (1, 0))
        self.assertEqual(
            mug.price_unit, 11.7, "the Letzshop price survives the new quantity"
        )
        self.assertIn("1 confirmed", mug.letzshop_unit_summary)
        self.assertIn("2 declined", mug.letzshop_unit_summary)
        self.assertEqual(order.picking_ids.move_ids.product_id, self.mug)

    def test_decline_whole_order_cancels_it(self):
        shipment, order = self._imported([(self.mug, 2, 11.7)])
        with trap_jobs() as trap:
            order.action_letzshop_decline_all()
            trap.perform_enqueued_jobs()
        self.assertEqual(self._unit_states(shipment), ["confirmed_unavailable"] * 2)
        self.assertEqual(order.state, "cancel")

    def test_unknown_line_can_be_declined_and_the_rest_confirmed(self):
        shipment, order = self._imported(
            [(self.mug, 1, 11.7), (("NOPE-9", None, "Mystery"), 1, 5.0)]
        )
        order.order_line.filtered("letzshop_unmapped").letzshop_available_qty = 0
        with trap_jobs() as trap:
            order.action_letzshop_send_decision()
            trap.perform_enqueued_jobs()
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            sorted(self._unit_states(shipment)),
            ["confirmed_available", "confirmed_unavailable"],
        )

    def test_standard_confirm_waits_for_the_letzshop_decision(self):
        _shipment, order = self._imported([(self.mug, 1, 11.7)])
        with self.assertRaisesRegex(Exception, "waits for your decision"):
            order.action_confirm()

    def test_auto_decide_from_available_stock(self):
        self.account.auto_decide = True
        self.set_stock(self.mug, 1)
        first = self.add_shipment(
            [(self.mug, 1, 11.7)], completed_at="2026-11-20T09:00:00Z"
        )
        second = self.add_shipment(
            [(self.mug, 1, 11.7)], completed_at="2026-11-20T10:00:00Z"
        )
        with trap_jobs() as trap:
            self.import_now()
            trap.assert_jobs_count(2)
            trap.perform_enqueued_jobs()
        self.assertEqual(self._unit_states(first), ["confirmed_available"])
        self.assertEqual(self._unit_states(second), ["confirmed_unavailable"])
        self.assertEqual(self.order_of(first).state, "sale")
        self.assertEqual(self.order_of(second).state, "cancel")

    def test_letzshop_refusal_is_shown(self):
        shipment, order = self._imported([(self.mug, 1, 11.7)])
        shipment["inventoryUnits"][0]["id"] = "gone"  # Letzshop no longer knows it
        order.action_letzshop_confirm_all()
        (job,) = self.run_queued("_letzshop_job_send_decision")
        self.assertEqual(job.db_record().state, "failed")  # no retry for a refusal
        binding = order.letzshop_shipment_id
        self.assertEqual(binding.decision_state, "failed")
        self.assertIn("unknown inventory unit", binding.decision_error)
        self.assertEqual(binding.attention_reason, "Decision not sent")
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.logs()[0].state, "failed")
        # Sent again from the order once the cause is fixed.
        shipment["inventoryUnits"][0]["id"] = order.order_line.letzshop_unit_ids[0]
        order.action_letzshop_confirm_all()
        self.run_queued("_letzshop_job_send_decision")
        self.assertEqual(binding.decision_state, "done")
        self.assertEqual(order.state, "sale")
