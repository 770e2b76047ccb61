# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    demand_service_level = fields.Float(
        "Service Level (%)",
        default=95.0,
        help="Share of replenishment cycles that should end without a stock-out. "
        "A higher level means more safety stock.",
    )
    demand_history_days = fields.Integer(
        "Demand History (Days)",
        default=730,
        help="Days of past deliveries the forecast learns from. Seasonality needs "
        "at least 365.",
    )
    demand_horizon_days = fields.Integer(
        "Forecast Horizon (Days)",
        default=90,
        help="Number of days forecast ahead, day by day.",
    )
    demand_order_cost = fields.Float(
        "Cost per Purchase Order",
        default=25.0,
        help="What placing one purchase order costs you (time, shipping, "
        "handling), in the company's currency. Used for the economic order "
        "quantity.",
    )
    demand_holding_rate = fields.Float(
        "Yearly Holding Cost (%)",
        default=25.0,
        help="Cost of keeping one unit in stock for a year, as a percentage of "
        "its cost (capital, space, risk). Used for the economic order quantity.",
    )
    demand_digest_user_ids = fields.Many2many(
        "res.users",
        "res_company_demand_digest_user_rel",
        "company_id",
        "user_id",
        string="Stock-Out Digest Recipients",
        help="Users who receive the daily e-mail listing the products to reorder.",
    )

    @api.constrains(
        "demand_service_level",
        "demand_history_days",
        "demand_horizon_days",
        "demand_order_cost",
        "demand_holding_rate",
    )
    def _check_demand_settings(self):
        for company in self:
            if not 50.0 <= company.demand_service_level < 100.0:
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the service level (field Service "
                        "Level) must be at least 50 and below 100 %%.",
                        company=company.display_name,
                    )
                )
            if company.demand_history_days < 56:
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the demand history (field Demand "
                        "History) must cover at least 56 days.",
                        company=company.display_name,
                    )
                )
            if not 1 <= company.demand_horizon_days <= 730:
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the forecast horizon (field Forecast "
                        "Horizon) must be between 1 and 730 days.",
                        company=company.display_name,
                    )
                )
            if company.demand_order_cost < 0 or company.demand_holding_rate < 0:
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the cost per purchase order and the "
                        "yearly holding cost cannot be negative.",
                        company=company.display_name,
                    )
                )
