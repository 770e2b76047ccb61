# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleChannelOrderImporter(models.AbstractModel):
    _inherit = "sale.channel.order.importer"

    def _create_orders(self, team, orders, result, filename):
        """Orders from a file beyond the plan's limit are imported and held."""
        return super(
            SaleChannelOrderImporter, self.with_context(oms_plan_import=True)
        )._create_orders(team, orders, result, filename)
