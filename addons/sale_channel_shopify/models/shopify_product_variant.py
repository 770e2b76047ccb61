# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import models


class ShopifyProductVariant(models.Model):
    _inherit = "shopify.product.variant"

    def _odoo_inventory_quantity(self, location_binding, *, apply_export_policy=True):
        """The quantity pushed to Shopify: what the shop's sales channel may
        sell of the variant from the warehouse of the Shopify location
        (incoming_stock_atp: stock minus open deliveries, plus receipts within
        the channel's days, minus its buffer; whole units, never negative)."""
        team = self.instance_id.team_id
        if not team:
            return super()._odoo_inventory_quantity(
                location_binding, apply_export_policy=apply_export_policy
            )
        self.ensure_one()
        company = self.instance_id.company_id
        product = self.odoo_id.with_company(company)
        warehouse = location_binding.odoo_location_id.warehouse_id or None
        known = self.env.context.get("sale_channel_shopify_publishable") or {}
        if warehouse and (warehouse.id, product.id) in known:
            return known[warehouse.id, product.id]  # see _job_reconcile_inventory
        quantities = team.with_company(company)._get_publishable_quantities(
            product, warehouse=warehouse
        )
        return max(0, int(quantities.get(product.id) or 0))
