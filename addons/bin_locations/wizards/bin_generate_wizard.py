# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..bin_pattern import BinPatternError, generate_bin_names


class BinGenerateWizard(models.TransientModel):
    _name = "bin.generate.wizard"
    _description = "Create bins in bulk"

    def _default_parent(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        return warehouse.lot_stock_id

    parent_location_id = fields.Many2one(
        "stock.location",
        string="Inside",
        required=True,
        default=lambda self: self._default_parent(),
        domain="[('usage', '=', 'internal')]",
        help="The bins are created as sub-locations of this location "
        "(usually WH/Stock).",
    )
    aisles = fields.Char(
        required=True, default="A-C", help="Letters or numbers: A-C, or A,B,D, or 1-4."
    )
    shelves = fields.Char(
        required=True, default="1-12", help="Numbers: 1-12, or 1-5,8."
    )
    levels = fields.Char(
        default="1-4", help="Numbers or letters; leave empty for bins without levels."
    )
    separator = fields.Char(required=True, default="-")
    shelf_digits = fields.Integer(
        default=2,
        help="Shelf numbers are zero-padded to this width: 2 gives A-01-1 ... A-12-4.",
    )
    barcode_prefix = fields.Char(
        help="Put before every bin barcode, e.g. the warehouse code when several "
        "warehouses "
        "use the same bin names. The barcode is otherwise the bin name."
    )
    preview = fields.Char(compute="_compute_preview")
    bin_count = fields.Integer(compute="_compute_preview")

    def _names(self):
        self.ensure_one()
        return generate_bin_names(
            self.aisles,
            self.shelves,
            self.levels,
            self.separator or "-",
            max(self.shelf_digits, 0),
        )

    @api.depends("aisles", "shelves", "levels", "separator", "shelf_digits")
    def _compute_preview(self):
        for wizard in self:
            try:
                names = wizard._names()
            except BinPatternError as error:
                wizard.preview = str(error)
                wizard.bin_count = 0
                continue
            wizard.bin_count = len(names)
            wizard.preview = ", ".join(names[:3]) + (
                f" … {names[-1]}" if len(names) > 3 else ""
            )

    def action_generate(self):
        """Create the bins that do not exist yet (run it again to extend a pattern)."""
        self.ensure_one()
        try:
            names = self._names()
        except BinPatternError as error:
            raise UserError(
                self.env._("Bin pattern: %(error)s", error=error)
            ) from error
        parent = self.parent_location_id
        company = parent.company_id or self.env.company
        existing = set(
            self.env["stock.location"]
            .with_context(active_test=False)
            .search([("location_id", "=", parent.id)])
            .mapped("name")
        )
        new_names = [name for name in names if name not in existing]
        barcodes = {name: f"{self.barcode_prefix or ''}{name}" for name in new_names}
        taken = (
            self.env["stock.location"]
            .with_context(active_test=False)
            .search(
                [
                    ("barcode", "in", list(barcodes.values())),
                    ("company_id", "in", (company.id, False)),
                ],
                limit=1,
            )
        )
        if taken:
            raise UserError(
                self.env._(
                    "The barcode %(barcode)s is already used by location %(location)s: "
                    "set a barcode prefix (e.g. the warehouse code).",
                    barcode=taken.barcode,
                    location=taken.complete_name,
                )
            )
        self._enable_multi_locations()
        bins = self.env["stock.location"].create(
            [
                {
                    "name": name,
                    "location_id": parent.id,
                    "usage": "internal",
                    "barcode": barcodes[name],
                    "company_id": company.id,
                }
                for name in new_names
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New bins"),
            "res_model": "stock.location",
            "view_mode": "list,form",
            "domain": [("id", "in", bins.ids)],
            "context": {"create": False},
        }

    def _enable_multi_locations(self):
        """Bins are sub-locations: switch on the Storage Locations setting."""
        # sudo: the stock manager creating bins may not be a settings admin; this is the
        # same switch as Inventory > Settings > Storage Locations.
        self.env.ref("base.group_user").sudo()._apply_group(
            self.env.ref("stock.group_stock_multi_locations")
        )
