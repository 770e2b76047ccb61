# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    demand_service_level = fields.Float(
        related="company_id.demand_service_level", readonly=False
    )
    demand_history_days = fields.Integer(
        related="company_id.demand_history_days", readonly=False
    )
    demand_horizon_days = fields.Integer(
        related="company_id.demand_horizon_days", readonly=False
    )
    demand_order_cost = fields.Float(
        related="company_id.demand_order_cost", readonly=False
    )
    demand_holding_rate = fields.Float(
        related="company_id.demand_holding_rate", readonly=False
    )
    demand_digest_user_ids = fields.Many2many(
        related="company_id.demand_digest_user_ids", readonly=False
    )
