# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    oss_vat_category_id = fields.Many2one(
        "oss.vat.category",
        string="VAT category",
        compute="_compute_oss_vat_category_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Decides the VAT rate in every member state (e.g. books are 5.5 % in "
        "France, "
        "7 % in Germany). Defaults to the product category's VAT category.",
    )

    @api.depends("categ_id", "categ_id.oss_vat_category_id")
    def _compute_oss_vat_category_id(self):
        for template in self:
            if not template.oss_vat_category_id:
                template.oss_vat_category_id = (
                    template.categ_id._oss_effective_vat_category()
                )
