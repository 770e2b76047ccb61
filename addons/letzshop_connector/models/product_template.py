from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    letzshop_published = fields.Boolean(
        string="Publish on Letzshop",
        default=True,
        help="Include this product (if it has a barcode or an internal reference) "
        "in the Letzshop product feeds with its publishable quantity.",
    )
