# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RmaCommon


@tagged("post_install", "-at_install")
class TestReceiveTour(RmaCommon, HttpCase):
    """A return received on a phone, in the scan view, by a warehouse worker."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_rma()
        cls.product.barcode = "4006381333931"
        new_test_user(
            cls.env,
            login="rma_tour_worker",
            password="rma_tour_worker",
            groups="stock.group_stock_user",
            company_id=cls.company.id,
        )
        order = cls._delivered_order(cls.customer, qty=2)
        cls.rma = cls._rma_for(order, qty=1)
        cls.picking = cls.rma.reception_move_id.picking_id
        cls.picking.name = "RMATOUR/IN/001"

    def test_receive_a_return_on_a_phone(self):
        self.assertEqual(self.rma.state, "confirmed")
        self.start_tour(
            "/odoo/action-bin_locations.stock_picking_action_scan",
            "sale_channel_rma_receive_tour",
            login="rma_tour_worker",
        )
        self.assertEqual(self.picking.state, "done")
        self.assertEqual(self.rma.state, "received")
        in_returns = self.product.with_context(
            location=self.returns_bin.id
        ).qty_available
        self.assertEqual(in_returns, 1)
