# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    @api.model_create_multi
    def create(self, vals_list):
        """New bins (internal locations inside a warehouse's stock location) need
        the plan's bins and incoming stock; existing bins keep working, and a new
        warehouse still gets its own locations."""
        locations = super().create(vals_list)
        # sudo: which locations are a warehouse's stock, whoever adds a bin
        stock_roots = (
            self.env["stock.warehouse"]
            .sudo()
            .search([("lot_stock_id", "in", locations.location_id.ids)])
            .lot_stock_id
        )
        bins = locations.filtered(
            lambda loc: loc.usage == "internal" and loc.location_id in stock_roots
        )
        bins.company_id._oms_plan_check("bins_incoming_stock")
        return locations
