# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def get_stockout_forecast(self, days=30, warehouse_id=False, limit=100):
        """Products expected to run out within ``days`` days, or to reorder now,
        soonest first: the data of the low-stock alerts (home screens,
        integrators over XML-RPC / JSON-RPC).

        Figures come from the last forecast run (daily scheduled action, or
        *Compute Now*), in each product's unit of measure.

        :param int days: look-ahead in days (>= 0)
        :param int warehouse_id: optional ``stock.warehouse`` id
        :param int limit: maximum number of rows
        :return: list of dicts with ``product_id``, ``product_name``,
            ``warehouse_id``, ``stockout_date`` ("YYYY-MM-DD" or False),
            ``days_left``, ``on_hand``, ``available_to_promise``,
            ``forecast_per_day``, ``reorder_point``, ``suggested_order_qty``,
            ``needs_order``, ``demand_class``, ``reason``
        """
        try:
            days = int(days)
            limit = int(limit)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._(
                    "Stock-out forecast: days and limit must be whole numbers "
                    "(got %(days)s and %(limit)s).",
                    days=days,
                    limit=limit,
                )
            ) from error
        if days < 0 or limit <= 0:
            raise UserError(
                self.env._(
                    "Stock-out forecast: days cannot be negative and limit must "
                    "be positive (got %(days)s and %(limit)s).",
                    days=days,
                    limit=limit,
                )
            )
        until = fields.Date.context_today(self) + datetime.timedelta(days=days)
        domain = [
            ("company_id", "in", self.env.companies.ids),
            "|",
            ("needs_order", "=", True),
            ("stockout_date", "<=", until),
        ]
        if warehouse_id:
            domain.append(("warehouse_id", "=", int(warehouse_id)))
        forecasts = self.env["stock.demand.forecast"].search(
            domain, order="stockout_date asc nulls last, id", limit=limit
        )
        return [
            {
                "product_id": forecast.product_id.id,
                "product_name": forecast.product_id.display_name,
                "warehouse_id": forecast.warehouse_id.id,
                "stockout_date": fields.Date.to_string(forecast.stockout_date)
                if forecast.stockout_date
                else False,
                "days_left": forecast.days_of_cover
                if forecast.stockout_date
                else False,
                "on_hand": forecast.on_hand_qty,
                "available_to_promise": forecast.atp_qty,
                "forecast_per_day": forecast.forecast_daily_qty,
                "reorder_point": forecast.reorder_point,
                "suggested_order_qty": forecast.order_qty,
                "needs_order": forecast.needs_order,
                "demand_class": forecast.demand_class,
                "reason": forecast.reason,
            }
            for forecast in forecasts
        ]
