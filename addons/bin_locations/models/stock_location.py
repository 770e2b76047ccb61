# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..natural_sort import natural_key


class StockLocation(models.Model):
    _inherit = "stock.location"

    bin_sort_key = fields.Char(
        compute="_compute_bin_sort_key",
        store=True,
        index=True,
        help="The full name with every number zero-padded, so that A-2 sorts before "
        "A-10. Pick lists, detailed operations and the scan view walk the shelves in "
        "this order.",
    )

    @api.depends("complete_name")
    def _compute_bin_sort_key(self):
        for location in self:
            location.bin_sort_key = natural_key(location.complete_name)

    def _bin_scan_data(self):
        """What the scan view shows of a bin: no stock figures, only where it is."""
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "full_name": self.complete_name,
            "barcode": self.barcode or "",
        }
