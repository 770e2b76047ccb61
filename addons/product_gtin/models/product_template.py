# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    @api.constrains("company_id")
    def _check_gtin14_unique_company(self):
        """The company is the template's: moving a product to another company (or
        sharing it with all) is checked as its variants' barcodes are."""
        self.product_variant_ids._check_gtin14_unique()
