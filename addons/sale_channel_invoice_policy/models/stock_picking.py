# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        res = super()._action_done()
        # sudo: a warehouse user validates deliveries without any right on sale
        # orders; reading the order's channel policy is not showing him the order.
        orders = (
            self.sudo()
            .filtered(lambda p: p.state == "done" and p.picking_type_code == "outgoing")
            .sale_id.filtered(lambda o: o.team_id.invoice_policy == "delivery")
        )
        orders._auto_invoice_enqueue()
        return res
