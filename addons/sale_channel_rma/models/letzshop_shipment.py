# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.letzshop_connector import letzshop_schema as schema


class LetzshopShipment(models.Model):
    _inherit = "letzshop.shipment"

    def _letzshop_apply_unit_states(self, states):
        res = super()._letzshop_apply_unit_states(states)
        returned = {
            uid for uid, state in states.items() if state == schema.UNIT_STATE_RETURNED
        }
        if returned:
            self._sale_channel_rma_create_returns(returned)
        return res

    def _sale_channel_rma_create_returns(self, unit_ids):
        """One confirmed RMA per Letzshop unit returned, on the order of its
        shipment, created once: ``rma.letzshop_unit_id`` is unique, and units
        that already have their RMA are skipped (a re-import changes nothing)."""
        lines = self.sale_order_id.order_line.filtered(
            lambda line: {str(u) for u in line.letzshop_unit_ids or []} & unit_ids
        )
        if not lines:
            return self.env["rma"]
        # sudo: the import runs as the connector's job user; the RMA lookup must
        # see every return of these units, whoever created them.
        Rma = self.env["rma"].sudo()
        done = set(
            Rma.search([("letzshop_unit_id", "in", list(unit_ids))]).mapped(
                "letzshop_unit_id"
            )
        )
        operation = self.env.ref("rma.rma_operation_refund")
        reason = self.env.ref("sale_channel_rma.rma_return_reason_letzshop")
        vals_list = []
        for line in lines:
            order = line.order_id
            move = line.move_ids.filtered(
                lambda m: m.state == "done" and m.picking_code == "outgoing"
            )[:1]
            for uid in map(str, line.letzshop_unit_ids):
                if uid not in unit_ids or uid in done:
                    continue
                vals_list.append(
                    {
                        "partner_id": order.partner_id.id,
                        "partner_invoice_id": order.partner_invoice_id.id,
                        "partner_shipping_id": order.partner_shipping_id.id,
                        "origin": order.client_order_ref or order.name,
                        "company_id": order.company_id.id,
                        "location_id": order.warehouse_id.rma_loc_id.id,
                        "order_id": order.id,
                        "picking_id": move.picking_id.id,
                        "move_id": move.id,
                        "product_id": line.product_id.id,
                        "product_uom_qty": 1.0,
                        "product_uom": line.product_uom_id.id,
                        "operation_id": operation.id,
                        "return_reason_id": reason.id,
                        "letzshop_unit_id": uid,
                    }
                )
        if not vals_list:
            return self.env["rma"]
        rmas = Rma.create(vals_list)
        rmas.action_confirm()
        return rmas
