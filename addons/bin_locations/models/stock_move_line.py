# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"
    # Walk the shelves: lines follow the natural order of their bin (A-2 before A-10).
    _order = "result_package_id desc, bin_sort_key, id"

    bin_sort_key = fields.Char(
        compute="_compute_bin_sort_key",
        store=True,
        help="Natural sort key of the bin this line is picked from (or put away into, "
        "for receipts).",
    )
    bin_scanned_qty = fields.Float(
        string="Scanned",
        digits="Product Unit",
        default=0.0,
        copy=False,
        help="Quantity counted in the scan view; it becomes the done quantity at "
        "validation.",
    )

    def _auto_init(self):
        # On a database with years of history, computing the key of every move line in
        # Python at install would take long: create the column here (so the ORM does not
        # schedule that computation) and fill it with one UPDATE in the post-init hook.
        if not column_exists(self.env.cr, "stock_move_line", "bin_sort_key"):
            create_column(self.env.cr, "stock_move_line", "bin_sort_key", "varchar")
        return super()._auto_init()

    @api.model
    def _bin_fill_sort_keys(self):
        """Set the sort key of all move lines in one query (install)."""
        self.env["stock.location"].flush_model(["bin_sort_key", "usage"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE stock_move_line line
                SET bin_sort_key = CASE
                    WHEN src.usage IN ('internal', 'transit') THEN src.bin_sort_key
                    ELSE dest.bin_sort_key
                END
                FROM stock_location src, stock_location dest
                WHERE src.id = line.location_id AND dest.id = line.location_dest_id
                """
            )
        )
        self.invalidate_model(["bin_sort_key"])

    @api.depends(
        "location_id.bin_sort_key", "location_dest_id.bin_sort_key", "location_id.usage"
    )
    def _compute_bin_sort_key(self):
        for line in self:
            if line.location_id.usage in ("internal", "transit"):
                line.bin_sort_key = line.location_id.bin_sort_key
            else:
                line.bin_sort_key = line.location_dest_id.bin_sort_key
