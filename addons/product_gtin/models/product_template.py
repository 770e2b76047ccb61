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

    @api.model
    def get_import_templates(self):
        """The catalogue templates first in Odoo's import screen: one column per
        field a seller fills in, headed by the field's label so that the screen
        maps every column by itself. Odoo's own template (and those of other
        addons) stay below."""
        return [
            {
                "label": self.env._("Import Template for the Catalogue (Excel)"),
                "template": "/product_gtin/static/xls/catalogue_import_template.xlsx",
            },
            {
                "label": self.env._("Import Template for the Catalogue (CSV)"),
                "template": "/product_gtin/static/xls/catalogue_import_template.csv",
            },
            *super().get_import_templates(),
        ]
