# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    bin_location_id = fields.Many2one(
        "stock.location",
        string="Bin",
        compute="_compute_bin_location_id",
        help="Where to pick this product (the reserved bin) or, for receipts, where to "
        "put it "
        "away. Without a reservation, the product's home bin.",
    )

    def _bin_is_inbound(self):
        self.ensure_one()
        return self.location_id.usage not in ("internal", "transit")

    @api.depends(
        "move_line_ids.location_id", "move_line_ids.location_dest_id", "product_id"
    )
    def _compute_bin_location_id(self):
        home_bins = self._bin_home_bins()
        for move in self:
            lines = move.move_line_ids.sorted("bin_sort_key")
            if lines:
                move.bin_location_id = (
                    lines[0].location_dest_id
                    if move._bin_is_inbound()
                    else lines[0].location_id
                )
            else:
                move.bin_location_id = home_bins.get(move.id, False)

    def _bin_home_bins(self):
        """{move id: home bin of its product}: a query per warehouse."""
        by_warehouse = defaultdict(lambda: self.env["stock.move"])
        for move in self:
            warehouse = move.picking_type_id.warehouse_id or move.warehouse_id
            by_warehouse[warehouse] |= move
        result = {}
        for warehouse, moves in by_warehouse.items():
            if not warehouse:
                continue
            bins = moves.product_id._get_home_bins(warehouse)
            for move in moves:
                if move.product_id.id in bins:
                    result[move.id] = bins[move.product_id.id]
        return result
