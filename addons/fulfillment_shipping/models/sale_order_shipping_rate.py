# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrderShippingRate(models.Model):
    """One carrier's answer when an order's carriers were rated."""

    _name = "sale.order.shipping.rate"
    _description = "Carrier rate of a sale order"
    _order = "order_id, available desc, price, transit_days, id"

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    carrier_id = fields.Many2one("delivery.carrier", required=True, ondelete="cascade")
    price = fields.Monetary(currency_field="currency_id")
    transit_days = fields.Integer(string="Transit days")
    available = fields.Boolean()
    reason = fields.Char(
        help="Why the carrier is not available (its own message), or a warning."
    )
    chosen = fields.Boolean()

    _order_carrier_unique = models.Constraint(
        "UNIQUE(order_id, carrier_id)",
        "A carrier is rated once per order.",
    )

    def action_choose(self):
        """The vendor picks this rate instead of the rule's choice."""
        self.ensure_one()
        self.order_id._fulfillment_apply_rate(self, manual=True)
        return True
