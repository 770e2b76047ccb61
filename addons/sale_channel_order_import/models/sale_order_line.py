# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    channel_sku = fields.Char(
        string="Channel SKU", readonly=True, copy=False, help="SKU in the order file."
    )
    channel_gtin = fields.Char(
        string="Channel GTIN", readonly=True, copy=False, help="GTIN in the order file."
    )
    channel_unknown_product = fields.Boolean(
        string="Unknown Product",
        compute="_compute_channel_unknown_product",
        store=True,
        help="The product of the order file was not recognised.",
    )

    @api.depends("product_id")
    def _compute_channel_unknown_product(self):
        unknown = self.env.ref(
            "sale_channel_order_import.product_channel_unknown",
            raise_if_not_found=False,
        )
        for line in self:
            line.channel_unknown_product = bool(unknown) and line.product_id == unknown
