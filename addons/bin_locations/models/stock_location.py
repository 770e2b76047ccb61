# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.fields import Domain

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

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        """In an import (opening stock, a transfer's lines), a location column
        may hold a bin's barcode, its full name (``WH/Stock/A-01-1``) or, when no
        other location of the user's companies bears it, its short name
        (``A-01-1``) as printed on the shelf label."""
        result = super().name_search(
            name=name, domain=domain, operator=operator, limit=limit
        )
        if result or operator != "=" or not self.env.context.get("import_file"):
            return result
        bins = self.search_fetch(
            Domain.AND(
                [
                    domain or [],
                    [
                        ("name", "=", name),
                        ("usage", "=", "internal"),
                        ("company_id", "in", self.env.companies.ids),
                    ],
                ]
            ),
            ["display_name"],
            limit=2,
        )
        if len(bins) == 1:
            return [(bins.id, bins.display_name)]
        return result
