# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class CustomerSegmentExport(models.TransientModel):
    """Export a segment, or the customers selected in the list, to CSV."""

    _name = "customer.segment.export"
    _description = "Export customers to CSV"

    segment_id = fields.Many2one("customer.segment")
    partner_ids = fields.Many2many("res.partner", string="Customers")
    purpose = fields.Selection(
        [
            ("marketing", "Marketing (customers who gave consent only)"),
            ("other", "Another lawful purpose (every customer with an email)"),
        ],
        required=True,
        default="marketing",
    )
    lawful_purpose = fields.Char(
        help="Why you may contact customers without their marketing consent, e.g. "
        "'Safety recall of batch 42'. Written on every exported row.",
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    file = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char(readonly=True)
    exported_count = fields.Integer("Exported", readonly=True)
    skipped_count = fields.Integer("Left Out Without Consent", readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "res.partner" and context.get("active_ids"):
            values["partner_ids"] = [fields.Command.set(context["active_ids"])]
        return values

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Export customers"),
        }

    def action_export(self):
        self.ensure_one()
        lawful_purpose = False
        if self.purpose == "other":
            lawful_purpose = (self.lawful_purpose or "").strip()
            if not lawful_purpose:
                raise UserError(
                    self.env._(
                        "Export customers: fill in the field Lawful Purpose to export "
                        "customers who did not consent."
                    )
                )
        if self.segment_id:
            domain = self.segment_id._get_partner_domain()
            filename = self.segment_id._export_filename()
        elif self.partner_ids:
            domain = Domain("id", "in", self.partner_ids.ids)
            filename = f"customers-{fields.Date.context_today(self)}.csv"
        else:
            raise UserError(
                self.env._("Export customers: choose a segment or select customers.")
            )
        content, exported, skipped = self.env["res.partner"]._customer_export_csv(
            domain, lawful_purpose=lawful_purpose
        )
        self.write(
            {
                "state": "done",
                "file": base64.b64encode(content.encode("utf-8")),
                "filename": filename,
                "exported_count": exported,
                "skipped_count": skipped,
            }
        )
        return self._reopen()
