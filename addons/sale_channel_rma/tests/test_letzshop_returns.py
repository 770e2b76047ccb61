# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import RmaCommon


@tagged("post_install", "-at_install")
class TestLetzshopReturns(RmaCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_rma()
        cls.account = cls.env["letzshop.account"].create(
            {
                "name": "LZ returns shop",
                "team_id": cls.channel.id,
                "warehouse_id": cls.warehouse.id,
            }
        )
        units = ["lz-unit-1", "lz-unit-2", "lz-unit-3"]
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "team_id": cls.channel.id,
                "warehouse_id": cls.warehouse.id,
                "client_order_ref": "R123456789",
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 3,
                            "letzshop_unit_ids": units,
                            "letzshop_unit_states": dict.fromkeys(units, "confirmed"),
                            "letzshop_price_unit": 23.4,
                        }
                    )
                ],
            }
        )
        cls.order.action_confirm()
        picking = cls.order.picking_ids
        picking.move_ids.quantity = 3
        picking.move_ids.picked = True
        picking.button_validate()
        cls.delivery = picking
        cls.shipment = cls.env["letzshop.shipment"].create(
            {
                "name": "H123456789",
                "letzshop_id": "lz-shipment-1",
                "account_id": cls.account.id,
                "sale_order_id": cls.order.id,
            }
        )

    def test_returned_units_become_one_rma_each_once(self):
        states = {"lz-unit-1": "returned", "lz-unit-2": "returned"}
        self.shipment._letzshop_apply_unit_states(states)
        rmas = self.env["rma"].search([("order_id", "=", self.order.id)])
        self.assertEqual(len(rmas), 2)
        self.assertEqual(
            sorted(rmas.mapped("letzshop_unit_id")), ["lz-unit-1", "lz-unit-2"]
        )
        self.assertEqual(set(rmas.mapped("state")), {"confirmed"})
        self.assertEqual(rmas.move_id.picking_id, self.delivery)
        self.assertEqual(
            rmas.return_reason_id,
            self.env.ref("sale_channel_rma.rma_return_reason_letzshop"),
        )
        self.assertTrue(all(r.reception_move_id for r in rmas))
        # the same shipment imported again, plus a third unit returned later
        self.shipment._letzshop_apply_unit_states(states)
        self.assertEqual(
            self.env["rma"].search_count([("order_id", "=", self.order.id)]), 2
        )
        self.shipment._letzshop_apply_unit_states({**states, "lz-unit-3": "returned"})
        self.assertEqual(
            self.env["rma"].search_count([("order_id", "=", self.order.id)]), 3
        )

    def test_other_states_create_nothing(self):
        self.shipment._letzshop_apply_unit_states({"lz-unit-1": "confirmed"})
        self.assertFalse(self.env["rma"].search([("order_id", "=", self.order.id)]))
