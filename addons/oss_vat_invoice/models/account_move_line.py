# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _compute_tax_ids(self):
        # one cache of EU VAT taxes and rates for the whole batch of lines
        if "oss_tax_cache" in self.env.context:
            return super()._compute_tax_ids()
        return super(
            AccountMoveLine, self.with_context(oss_tax_cache={})
        )._compute_tax_ids()

    def _get_computed_taxes(self):
        taxes = super()._get_computed_taxes()
        move = self.move_id
        fpos = move.fiscal_position_id
        if (
            taxes
            and fpos.oss_vat_kind
            and self.product_id
            and move.is_sale_document(include_receipts=True)
            and not self.env.context.get("oss_vat_disable")
        ):
            on_date = move.invoice_date or move.date or fields.Date.context_today(self)
            cache = self.env.context.get("oss_tax_cache")
            taxes = fpos._oss_line_taxes(
                self.product_id, on_date, taxes, {} if cache is None else cache
            )
        return taxes
