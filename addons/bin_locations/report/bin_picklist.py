# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, models


class ReportBinPicklist(models.AbstractModel):
    _name = "report.bin_locations.report_bin_picklist"
    _description = "Pick list sorted by bin"

    @api.model
    def _get_report_values(self, docids, data=None):
        pickings = self.env["stock.picking"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "stock.picking",
            "docs": pickings,
            "rows": self._picklist_rows(pickings),
        }

    @api.model
    def _picklist_rows(self, pickings):
        """One row per (bin, product, unit) in walking order, summed over the orders.

        Reserved quantities come from the move lines (the bin they are reserved in);
        what is not reserved yet is listed under the product's home bin, flagged
        ``reserved=False``.
        """
        moves = pickings.move_ids.filtered(lambda m: m.state != "cancel")
        home_bins = moves._bin_home_bins()
        rows = {}
        per_order = defaultdict(lambda: defaultdict(float))

        def add(location, move, quantity, uom, reserved):
            key = (location.id, move.product_id.id, uom.id, reserved)
            row = rows.get(key)
            if row is None:
                row = rows[key] = {
                    "location": location,
                    "product": move.product_id,
                    "uom": uom,
                    "quantity": 0.0,
                    "reserved": reserved,
                    "orders": [],
                }
            row["quantity"] += quantity
            per_order[key][move.picking_id] += quantity

        for move in moves:
            inbound = move._bin_is_inbound()
            for line in move.move_line_ids:
                location = line.location_dest_id if inbound else line.location_id
                add(location, move, line.quantity, line.product_uom_id, True)
            if move.state != "done":
                missing = move.product_uom_qty - move.quantity
                if move.product_uom.compare(missing, 0) > 0:
                    location = home_bins.get(move.id, self.env["stock.location"])
                    add(location, move, missing, move.product_uom, False)
        result = []
        for key, row in rows.items():
            row["orders"] = [
                {"picking": picking, "quantity": qty}
                for picking, qty in sorted(
                    per_order[key].items(), key=lambda i: i[0].name
                )
            ]
            result.append(row)
        result.sort(
            key=lambda r: (
                not r["location"],
                r["location"].bin_sort_key or "",
                r["product"].display_name or "",
                not r["reserved"],
            )
        )
        return result
