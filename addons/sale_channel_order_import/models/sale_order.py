# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    channel_binding_ids = fields.One2many(
        "sale.channel.order.binding", "sale_order_id", readonly=True
    )
    channel_unknown_product_count = fields.Integer(
        string="Unknown Products",
        compute="_compute_channel_unknown_product_count",
        store=True,
        help="Lines of an imported order whose product Odoo did not recognise "
        "(neither by GTIN nor by SKU); choose the product on each of them.",
    )

    @api.depends("order_line.channel_unknown_product")
    def _compute_channel_unknown_product_count(self):
        for order in self:
            order.channel_unknown_product_count = len(
                order.order_line.filtered("channel_unknown_product")
            )
