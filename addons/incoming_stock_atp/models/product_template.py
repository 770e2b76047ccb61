# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models

from .product_product import ATP_CONTEXT_KEYS


class ProductTemplate(models.Model):
    _inherit = "product.template"

    atp_qty = fields.Float(
        "Available to Promise",
        compute="_compute_atp_qty",
        digits="Product Unit",
        help="Sum over the variants of the units you can promise once everything "
        "on order has arrived.",
    )

    @api.depends_context(*ATP_CONTEXT_KEYS)
    def _compute_atp_qty(self):
        templates = self.filtered("id")
        (self - templates).atp_qty = 0.0
        variants = templates.product_variant_ids
        figures = variants._get_atp_figures(
            include_rfq=bool(self.env.context.get("atp_include_rfq"))
        )
        for template in templates:
            template.atp_qty = sum(
                figures[v.id]["atp"] for v in template.product_variant_ids
            )

    def action_open_atp_timeline(self):
        """One variant: its timeline. Several: the variants' availability list."""
        self.ensure_one()
        if self.product_variant_count == 1:
            return self.product_variant_id.action_open_atp_timeline()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "incoming_stock_atp.product_product_action_atp"
        )
        action["domain"] = [("product_tmpl_id", "=", self.id)]
        return action
