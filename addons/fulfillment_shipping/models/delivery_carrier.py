# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    transit_days = fields.Integer(
        string="Transit days",
        help="Usual days from hand-over to delivery, used by rate shopping (fastest, "
        "cheapest within N days) when the carrier's own rate does not say. "
        "0 means unknown.",
    )

    def _fulfillment_rate_hooks(self):
        """``(request hook, parse hook)`` of a provider that lets its rate be
        fetched concurrently (``<delivery_type>_rate_request(order)`` returning
        ``dict(method, url, headers, json, timeout)`` and
        ``<delivery_type>_rate_parse(order, status_code, body)`` returning a rate
        dict like ``rate_shipment``'s plus ``transit_days``), else ``(None, None)``."""
        self.ensure_one()
        dtype = self._get_delivery_type()
        request = getattr(self, f"{dtype}_rate_request", None)
        parse = getattr(self, f"{dtype}_rate_parse", None)
        if callable(request) and callable(parse):
            return request, parse
        return None, None

    def _fulfillment_finish_rate(self, order, res):
        """Turn a provider's raw rate into the price the customer would pay, as
        ``rate_shipment`` does after ``<type>_rate_shipment`` (fiscal position,
        margins, free over an amount)."""
        self.ensure_one()
        if not res.get("success"):
            return res
        company = self.company_id or order.company_id or self.env.company
        price = self.product_id._get_tax_included_unit_price(
            company,
            company.currency_id,
            order.date_order,
            "sale",
            fiscal_position=order.fiscal_position_id,
            product_price_unit=res.get("price") or 0.0,
            product_currency=company.currency_id,
        )
        price = self._apply_margins(price, order)
        res["price"] = price
        res["carrier_price"] = price
        amount = order._compute_amount_total_without_delivery()
        if (
            self.free_over
            and self.delivery_type != "base_on_rule"
            and self._compute_currency(order, amount, "pricelist_to_company")
            >= self.amount
        ):
            res["price"] = 0.0
        return res
