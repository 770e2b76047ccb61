# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    @api.model_create_multi
    def create(self, vals_list):
        """New products beyond the company's plan are refused."""
        templates = super().create(vals_list)
        (templates.company_id or self.env.company)._oms_plan_check("max_products")
        return templates
