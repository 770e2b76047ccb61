# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models

from .fulfillment_rate_card_rule import STORAGE_TYPES


class StockLocation(models.Model):
    _inherit = "stock.location"

    fulfillment_storage_type = fields.Selection(
        STORAGE_TYPES,
        "Storage type",
        help="How storage in this location is billed by a per-location rate card. "
        "Empty: shelf.",
    )
