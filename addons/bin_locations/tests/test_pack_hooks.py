# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import tagged

from .common import BinLocationsCase


@tagged("post_install", "-at_install")
class TestPackHooks(BinLocationsCase):
    """The pack step's three hooks, as shipping addons use them: alone, the scan
    view asks nothing; a hook's data reaches the view, the worker's answer reaches
    the transfer before it is validated, and the validation answer carries extras."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.put_in_stock(cls.p1, cls.bin_a10, 5)

    def setUp(self):
        super().setUp()
        self.picking = self.make_delivery([(self.p1, 1)]).with_user(self.warehouse_user)
        line = self.picking.move_line_ids
        self.picking.bin_scan_set_quantity(line.id, line.quantity)

    def test_alone_nothing_is_asked_and_pack_is_ignored(self):
        self.assertFalse(self.picking.bin_scan_data()["pack"])
        result = self.picking.bin_scan_validate(pack={"weight": 2.0})
        self.assertTrue(result["done"])
        self.assertEqual(set(result), {"ok", "done", "message"})

    def test_hooks_reach_the_view_the_transfer_and_the_answer(self):
        Picking = type(self.env["stock.picking"])
        seen = []

        def apply_pack(picking, pack):
            # called before validation: the transfer is not done yet
            seen.append((picking.id, picking.state, pack))

        with (
            patch.object(Picking, "_bin_pack_data", lambda picking: {"weight": 0.4}),
            patch.object(Picking, "_bin_apply_pack", apply_pack),
            patch.object(
                Picking, "_bin_validated_data", lambda picking: {"tracking": "T1"}
            ),
        ):
            self.assertEqual(self.picking.bin_scan_data()["pack"], {"weight": 0.4})
            result = self.picking.bin_scan_validate(pack={"weight": 0.5})
        self.assertEqual(seen, [(self.picking.id, "assigned", {"weight": 0.5})])
        self.assertTrue(result["done"])
        self.assertEqual(result["tracking"], "T1")
        self.assertEqual(self.picking.state, "done")
