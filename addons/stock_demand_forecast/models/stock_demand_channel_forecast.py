# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class StockDemandChannelForecast(models.Model):
    _name = "stock.demand.channel.forecast"
    _description = "Demand Forecast per Sales Channel"
    _order = "forecast_id, share desc, id"

    forecast_id = fields.Many2one(
        "stock.demand.forecast",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    product_id = fields.Many2one(related="forecast_id.product_id", store=True)
    warehouse_id = fields.Many2one(related="forecast_id.warehouse_id", store=True)
    company_id = fields.Many2one(related="forecast_id.company_id", store=True)
    uom_id = fields.Many2one(related="forecast_id.uom_id")
    team_id = fields.Many2one(
        "crm.team", "Sales Channel", required=True, readonly=True, ondelete="cascade"
    )
    share = fields.Float(
        "Share (%)",
        digits=(16, 1),
        readonly=True,
        help="The channel's share of the product's deliveries over the last 90 days.",
    )
    forecast_daily_qty = fields.Float(
        "Forecast per Day",
        digits="Product Unit",
        readonly=True,
        help="The product's forecast per day times the channel's share.",
    )
    cover_demand_qty = fields.Float(
        "Demand until Next Delivery",
        digits="Product Unit",
        readonly=True,
        help="Forecast demand of this channel over the vendor's lead time.",
    )
    buffer_qty = fields.Float(
        "Suggested Buffer",
        digits="Product Unit",
        readonly=True,
        help="Units this channel should hold back: what the other channels will "
        "need before the next delivery, but never more than their fair share "
        "of the available stock.",
    )
    publishable_qty = fields.Float(
        "May Publish",
        digits="Product Unit",
        readonly=True,
        help="Available to promise minus the suggested buffer.",
    )
