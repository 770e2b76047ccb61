# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models
from odoo.tools.misc import format_date


class SaleOrder(models.Model):
    _inherit = "sale.order"

    atp_warning = fields.Text(
        "Availability Warning",
        compute="_compute_atp_warning",
        help="Lines that cannot ship by the requested delivery date.",
    )

    @api.depends("order_line.atp_late", "order_line.atp_promise_date")
    def _compute_atp_warning(self):
        for order in self:
            messages = []
            for line in order.order_line.filtered("atp_late"):
                if line.atp_promise_date:
                    messages.append(
                        self.env._(
                            "%(product)s (%(qty)s %(uom)s): cannot ship before "
                            "%(date)s.",
                            product=line.product_id.display_name,
                            qty=f"{line.product_uom_qty:g}",
                            uom=line.product_uom_id.name,
                            date=format_date(self.env, line.atp_promise_date),
                        )
                    )
                else:
                    messages.append(
                        self.env._(
                            "%(product)s (%(qty)s %(uom)s): not enough in stock nor on "
                            "order.",
                            product=line.product_id.display_name,
                            qty=f"{line.product_uom_qty:g}",
                            uom=line.product_uom_id.name,
                        )
                    )
            order.atp_warning = "\n".join(messages) or False
