# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CustomerSegmentExport(models.TransientModel):
    _inherit = "customer.segment.export"

    def action_export(self):
        """Exporting customers needs the plan's customer export."""
        self.env.company._oms_plan_check("customer_export")
        return super().action_export()
