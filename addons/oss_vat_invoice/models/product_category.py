# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    oss_vat_category_id = fields.Many2one(
        "oss.vat.category",
        string="VAT category",
        help="Default VAT category of the products in this category (and its "
        "subcategories "
        "without their own), used to pick the destination rate of cross-border sales.",
    )

    def _oss_effective_vat_category(self):
        categ = self[:1]
        while categ:
            if categ.oss_vat_category_id:
                return categ.oss_vat_category_id
            categ = categ.parent_id
        return self.env["oss.vat.category"]
