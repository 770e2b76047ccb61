# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import models


class ShopifyOrder(models.Model):
    _inherit = "shopify.order"

    def _shopify_order_extra_values(self, instance, order_data):
        values = super()._shopify_order_extra_values(instance, order_data)
        if instance.team_id:
            values.update(instance._sale_channel_order_values())
        return values

    def _mapped_taxes(self, instance, tax_lines, country, included):
        # Our VAT decision replaces the Shopify tax mapping (see _apply_lines).
        if self.env.context.get("sale_channel_shopify_odoo_vat"):
            return self.env["account.tax"]
        return super()._mapped_taxes(instance, tax_lines, country, included)

    def _apply_lines(self, binding, sale_order, instance, order_data):
        """Lines get the taxes Odoo decides for the order (product taxes through
        the order's fiscal position, i.e. the OSS decision of oss_vat_invoice),
        not the rates Shopify charged; with Shopify prices VAT included, the
        VAT-included twin of each tax, so that the price stays what the
        customer paid. The connector then checks the total against Shopify's."""
        if not instance.team_id:
            return super()._apply_lines(binding, sale_order, instance, order_data)
        result = super(
            ShopifyOrder, self.with_context(sale_channel_shopify_odoo_vat=True)
        )._apply_lines(binding, sale_order, instance, order_data)
        lines = sale_order.order_line.filtered(
            lambda line: not line.display_type and line.product_id
        )
        lines._compute_tax_ids()
        if order_data["taxes_included"]:
            self.env["sale.channel.order.importer"]._use_price_included_taxes(lines)
        return result
