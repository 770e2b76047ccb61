# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from collections import defaultdict

from odoo import api, fields, models

from .. import atp_projection


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    atp_promise_date = fields.Date(
        "Promise Date",
        compute="_compute_atp_promise",
        help="Earliest day this line can ship without taking units promised to "
        "other orders, counting the purchase orders on their way (quotations "
        "only: confirmed orders follow their delivery).",
    )
    atp_late = fields.Boolean(
        "Cannot Ship in Time",
        compute="_compute_atp_promise",
        help="The line cannot ship by the requested delivery date.",
    )

    @api.depends(
        "product_id",
        "product_uom_qty",
        "product_uom_id",
        "warehouse_id",
        "customer_lead",
        "state",
        "display_type",
        "order_id.commitment_date",
    )
    @api.depends_context("tz")
    def _compute_atp_promise(self):
        self.atp_promise_date = False
        self.atp_late = False
        lines = self.filtered(
            lambda line: (
                line.state in ("draft", "sent")
                and not line.display_type
                and line.product_id.is_storable
                and line.warehouse_id
            )
        )
        if not lines:
            return
        Product = self.env["product.product"]
        today = Product._atp_today()
        by_warehouse = defaultdict(lambda: self.browse())
        for line in lines:
            by_warehouse[line.warehouse_id._origin or line.warehouse_id] |= line
        for warehouse, wh_lines in by_warehouse.items():
            products = wh_lines.product_id._origin
            stock, events = products._atp_gather(warehouse.ids)
            # Several lines of one product on one order need their sum: each line
            # is promised once the lines before it are served.
            needed = defaultdict(float)
            for line in wh_lines.sorted(lambda rec: rec.sequence):
                product = line.product_id._origin
                quantity = line.product_uom_id._compute_quantity(
                    line.product_uom_qty, product.uom_id, round=False
                )
                key = (line.order_id, product.id)
                needed[key] += quantity
                promise = atp_projection.earliest_date(
                    stock.get(product.id, (0.0, 0.0))[0],
                    events.get(product.id, ()),
                    needed[key],
                    today,
                )
                requested = fields.Datetime.context_timestamp(
                    line.with_context(tz=Product._atp_tz()),
                    line.order_id.commitment_date or line._expected_date(),
                ).date()
                line.atp_promise_date = promise
                line.atp_late = promise is None or promise > requested
