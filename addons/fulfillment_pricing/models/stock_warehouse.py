# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    fulfillment_provider_id = fields.Many2one(
        "res.partner",
        "Fulfilment provider",
        help="Whose rate cards price the work of this warehouse: your company "
        "(own warehouse, the default) or the 3PL that runs it.",
    )
