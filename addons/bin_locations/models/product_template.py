# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    home_bin_id = fields.Many2one(
        "stock.location",
        compute="_compute_home_bin_id",
        inverse="_inverse_home_bin_id",
        domain="[('usage', '=', 'internal')]",
        help="Where this product lives in the warehouse (for products with one "
        "variant; "
        "products with variants set it on each variant).",
    )

    @api.depends("product_variant_ids")
    @api.depends_context("warehouse_id", "company")
    def _compute_home_bin_id(self):
        single = self.filtered(lambda t: len(t.product_variant_ids) == 1)
        variants = single.product_variant_ids._origin
        bins = variants._get_home_bins(variants._bin_warehouse())
        for template in self:
            variant = (
                template.product_variant_ids._origin if template in single else False
            )
            template.home_bin_id = bins.get(variant.id, False) if variant else False

    def _inverse_home_bin_id(self):
        for template in self:
            if len(template.product_variant_ids) == 1:
                template.product_variant_ids.home_bin_id = template.home_bin_id

    @api.model
    def get_import_templates(self):
        """product_gtin's catalogue templates, with a *Track Inventory* column
        (a field of Odoo's stock module): imported products are counted in stock
        and can get an opening stock."""
        stock_versions = {
            f"/product_gtin/static/xls/catalogue_import_template.{ext}": (
                f"/bin_locations/static/xls/catalogue_import_template_stock.{ext}"
            )
            for ext in ("csv", "xlsx")
        }
        return [
            dict(template, template=stock_versions.get(template["template"]))
            if template["template"] in stock_versions
            else template
            for template in super().get_import_templates()
        ]
