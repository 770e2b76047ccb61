# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ("sale.order", "oss.vat.decision.mixin")

    def _oss_decision_inputs(self):
        on_date = (
            fields.Date.to_date(self.date_order)
            if self.date_order
            else fields.Date.context_today(self)
        )
        return self.company_id, self.partner_id, self.partner_shipping_id, on_date

    def _oss_decision_applies(self):
        return self.state in ("draft", "sent")

    @api.depends(
        "partner_id",
        "partner_shipping_id",
        "company_id",
        "date_order",
        "oss_customer_collects",
    )
    def _compute_oss_vat_rule(self):
        # A confirmed order keeps the decision it was confirmed with.
        done = self.filtered(lambda o: o.state not in ("draft", "sent") and o.id)
        done._oss_keep_stored_decision()
        return super(SaleOrder, self - done)._compute_oss_vat_rule()

    @api.depends("oss_vat_rule", "oss_vat_country_id")
    def _compute_fiscal_position_id(self):
        # Only quotations: a confirmed order keeps its fiscal position.
        drafts = self.filtered(lambda o: o.state in ("draft", "sent"))
        (self - drafts)._oss_keep_stored(["fiscal_position_id"])
        res = super(SaleOrder, drafts)._compute_fiscal_position_id()
        drafts._oss_apply_fiscal_position()
        return res

    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        vals["oss_customer_collects"] = self.oss_customer_collects
        return vals


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _compute_tax_ids(self):
        res = super()._compute_tax_ids()
        if self.env.context.get("oss_vat_disable"):
            return res
        cache = {}
        for line in self:
            order = line.order_id
            fpos = order.fiscal_position_id
            if fpos.oss_vat_kind and line.product_id and line.tax_ids:
                on_date = (
                    fields.Date.to_date(order.date_order)
                    if order.date_order
                    else fields.Date.context_today(self)
                )
                line.tax_ids = fpos._oss_line_taxes(
                    line.product_id, on_date, line.tax_ids, cache
                )
        return res
