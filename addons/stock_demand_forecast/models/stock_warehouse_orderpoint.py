# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, float_compare


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    demand_forecast_id = fields.Many2one(
        "stock.demand.forecast",
        compute="_compute_demand_forecast_id",
        search="_search_demand_forecast_id",
        help="The forecast of this product in this warehouse.",
    )
    demand_class = fields.Selection(related="demand_forecast_id.demand_class")
    demand_forecast_daily_qty = fields.Float(
        related="demand_forecast_id.forecast_daily_qty", string="Forecast per Day"
    )
    demand_lead_days = fields.Float(
        related="demand_forecast_id.lead_days", string="Vendor Lead Time"
    )
    demand_safety_stock = fields.Float(
        related="demand_forecast_id.safety_stock", string="Safety Stock"
    )
    demand_suggested_min_qty = fields.Float(
        related="demand_forecast_id.reorder_point", string="Suggested Min"
    )
    demand_suggested_max_qty = fields.Float(
        related="demand_forecast_id.max_qty", string="Suggested Max"
    )
    demand_stockout_date = fields.Date(
        related="demand_forecast_id.stockout_date", string="Runs Out On"
    )
    demand_reason = fields.Char(related="demand_forecast_id.reason", string="Why")
    demand_suggestion_differs = fields.Boolean(
        "Suggestion Differs",
        compute="_compute_demand_suggestion_differs",
        help="The suggested min or max differs from the rule's.",
    )
    demand_accepted_date = fields.Datetime(
        "Suggestion Accepted On", readonly=True, copy=False
    )
    demand_accepted_uid = fields.Many2one(
        "res.users", "Suggestion Accepted By", readonly=True, copy=False
    )

    @api.depends("product_id", "warehouse_id")
    def _compute_demand_forecast_id(self):
        forecasts = self.env["stock.demand.forecast"].search(
            [
                ("product_id", "in", self.product_id.ids),
                ("warehouse_id", "in", self.warehouse_id.ids),
            ]
        )
        by_key = {(f.product_id.id, f.warehouse_id.id): f for f in forecasts}
        for orderpoint in self:
            orderpoint.demand_forecast_id = by_key.get(
                (orderpoint.product_id.id, orderpoint.warehouse_id.id), False
            )

    def _search_demand_forecast_id(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        ids = [item for item in value if item]
        self.env["stock.demand.forecast"].flush_model(["product_id", "warehouse_id"])
        self.flush_model(["product_id", "warehouse_id"])
        with_forecast = SQL(
            """
            SELECT op.id
              FROM stock_warehouse_orderpoint op
              JOIN stock_demand_forecast f
                ON f.product_id = op.product_id AND f.warehouse_id = op.warehouse_id
            """
        )
        parts = []
        if ids:
            parts.append(
                Domain("id", "in", SQL("%s WHERE f.id = ANY(%s)", with_forecast, ids))
            )
        if len(ids) != len(value):  # False: no forecast
            parts.append(Domain("id", "not in", with_forecast))
        domain = Domain.OR(parts) if parts else Domain.FALSE
        return ~domain if operator == "not in" else domain

    @api.depends(
        "demand_forecast_id",
        "product_min_qty",
        "product_max_qty",
        "product_uom",
    )
    def _compute_demand_suggestion_differs(self):
        for orderpoint in self:
            forecast = orderpoint.demand_forecast_id
            rounding = orderpoint.product_uom.rounding or 0.01
            orderpoint.demand_suggestion_differs = bool(forecast) and (
                float_compare(
                    forecast.reorder_point,
                    orderpoint.product_min_qty,
                    precision_rounding=rounding,
                )
                != 0
                or float_compare(
                    forecast.max_qty,
                    orderpoint.product_max_qty,
                    precision_rounding=rounding,
                )
                != 0
            )

    def action_accept_demand_forecast(self):
        """Set min and max to the forecast's suggestion (one click)."""
        self.env["stock.demand.forecast"]._check_accept_rights()
        self.check_access("read")
        to_accept = self.filtered("demand_forecast_id")
        now = fields.Datetime.now()
        for orderpoint in to_accept:
            forecast = orderpoint.demand_forecast_id
            # sudo: purchase users may read reordering rules only (core access
            # rights); accepting a suggestion writes min and max, checked above.
            orderpoint.sudo().write(
                {
                    "product_min_qty": forecast.reorder_point,
                    "product_max_qty": forecast.max_qty,
                    "demand_accepted_date": now,
                    "demand_accepted_uid": self.env.uid,
                }
            )
        if not to_accept:
            return False
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Suggestion accepted on %(count)s reordering rules.",
                    count=len(to_accept),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
