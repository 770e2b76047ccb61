# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oms_oversell_prevented = fields.Boolean(
        string="Oversell Prevented",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Letzshop units of this order were declined automatically because the "
        "stock was not there: a sale that would have been oversold.",
    )

    def _letzshop_auto_decide(self):
        """Remember the orders whose units the automatic decision declined for
        lack of stock (the home's 'oversells prevented')."""
        decided = self.filtered(
            lambda o: o.letzshop_has_pending_units and not o.letzshop_needs_attention
        )
        result = super()._letzshop_auto_decide()
        short = decided.order_line.filtered(
            lambda line: (
                line.letzshop_unit_ids
                and not line.letzshop_unmapped
                and line.letzshop_available_qty < len(line.letzshop_unit_ids)
            )
        ).order_id
        short.oms_oversell_prevented = True
        return result
