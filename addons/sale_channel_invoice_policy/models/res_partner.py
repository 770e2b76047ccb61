# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _oss_refresh_drafts(self):
        """When VIES answers, invoices held for it are posted and sent by themselves."""
        res = super()._oss_refresh_drafts()
        invoices = self.env["account.move"].search(
            [
                ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                ("state", "=", "draft"),
                ("auto_invoice_error", "!=", False),
                ("oss_vat_hold", "=", False),
            ]
        )
        orders = invoices.line_ids.sale_line_ids.order_id.filtered(
            lambda o: o.auto_invoice_state == "error"
        )
        orders._auto_invoice_enqueue()
        return res
