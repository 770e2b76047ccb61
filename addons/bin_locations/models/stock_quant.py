# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models

OPENING_STOCK_TEMPLATE = "/bin_locations/static/xls/opening_stock_import_template"


class StockQuant(models.Model):
    _inherit = "stock.quant"

    home_bin_id = fields.Many2one(
        "stock.location",
        compute="_compute_home_bin_id",
        help="The product's home bin in this quant's warehouse: stock lying elsewhere "
        "is easy to spot and to move back.",
    )

    @api.depends("product_id", "location_id")
    def _compute_home_bin_id(self):
        by_warehouse = defaultdict(lambda: self.env["stock.quant"])
        for quant in self:
            by_warehouse[quant.warehouse_id] |= quant
        for warehouse, quants in by_warehouse.items():
            bins = quants.product_id._get_home_bins(warehouse) if warehouse else {}
            for quant in quants:
                quant.home_bin_id = bins.get(quant.product_id.id, False)

    @api.model
    def get_import_templates(self):
        """The opening stock templates first in *Physical Inventory > Import*:
        product (barcode in any GTIN notation, or internal reference), bin
        (barcode or name) and counted quantity."""
        return [
            {
                "label": self.env._("Import Template for Opening Stock (Excel)"),
                "template": f"{OPENING_STOCK_TEMPLATE}.xlsx",
            },
            {
                "label": self.env._("Import Template for Opening Stock (CSV)"),
                "template": f"{OPENING_STOCK_TEMPLATE}.csv",
            },
            *super().get_import_templates(),
        ]
