# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # the home's deliveries shipped without tracking (letzshop.oms.home): the
    # sales deliveries done in the last 30 days, read by date, not every
    # delivery of the company's history
    _oms_shipped_idx = models.Index(
        "(company_id, date_done) WHERE state = 'done' AND sale_id IS NOT NULL"
    )
