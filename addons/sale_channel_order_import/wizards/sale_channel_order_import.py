# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

#: Messages kept for the preview; the counts are always complete.
MAX_PREVIEW_MESSAGES = 1000


class SaleChannelOrderImport(models.TransientModel):
    """Upload an order file, see what is wrong row by row, then import it."""

    _name = "sale.channel.order.import"
    _description = "Import Sales Channel Orders"

    team_id = fields.Many2one(
        "crm.team",
        string="Sales Channel",
        required=True,
        default=lambda self: self.env.user.sale_team_id,
    )
    data_file = fields.Binary(string="File", required=True, attachment=False)
    file_name = fields.Char()
    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")],
        default="upload",
        required=True,
    )
    file_format = fields.Selection(
        [
            ("shopify", "Shopify order export"),
            ("woocommerce", "WooCommerce order export"),
            ("custom", "Column mapping of the sales channel"),
        ],
        readonly=True,
    )
    order_count = fields.Integer(readonly=True)
    line_count = fields.Integer(readonly=True)
    new_order_count = fields.Integer(string="Orders to Create", readonly=True)
    error_count = fields.Integer(readonly=True)
    warning_count = fields.Integer(readonly=True)
    message_ids = fields.One2many(
        "sale.channel.order.import.line", "wizard_id", readonly=True
    )
    sale_order_ids = fields.Many2many("sale.order", readonly=True)
    skipped_count = fields.Integer(string="Orders Skipped", readonly=True)

    @api.onchange("data_file", "team_id")
    def _onchange_file(self):
        if self.state != "upload":
            self.state = "upload"

    def _file_bytes(self):
        self.ensure_one()
        try:
            return base64.b64decode(self.data_file or b"", validate=True)
        except (binascii.Error, ValueError) as exc:
            raise UserError(self.env._("The uploaded file is damaged.")) from exc

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_preview(self):
        """Read the file and list its problems; nothing is created."""
        self.ensure_one()
        result = self.env["sale.channel.order.importer"]._check_file(
            self.team_id, self._file_bytes(), self.file_name
        )
        issues = result["issues"]
        errors = sum(1 for i in issues if i[2] == "error")
        warnings = sum(1 for i in issues if i[2] == "warning")
        self.message_ids.unlink()
        self.write(
            {
                "state": "preview",
                "file_format": result["format"],
                "order_count": len(result["orders"]),
                "line_count": result["line_count"],
                "new_order_count": len(result["orders"]) - len(result["existing"]),
                "error_count": errors,
                "warning_count": warnings,
                "message_ids": [
                    fields.Command.create(
                        {"row": row, "order_ref": ref, "level": level, "message": msg}
                    )
                    for row, ref, level, msg in issues[:MAX_PREVIEW_MESSAGES]
                ],
            }
        )
        return self._reopen()

    def action_import(self):
        """Create the orders: all of them, or none when the file has errors."""
        self.ensure_one()
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only sales managers may import orders from a file.")
            )
        orders, skipped = self.env["sale.channel.order.importer"]._import_file(
            self.team_id, self._file_bytes(), self.file_name
        )
        self.write(
            {
                "state": "done",
                "sale_order_ids": [fields.Command.set(orders.ids)],
                "skipped_count": skipped,
            }
        )
        return self._reopen()

    def action_open_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Imported Orders"),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.sale_order_ids.ids)],
        }
