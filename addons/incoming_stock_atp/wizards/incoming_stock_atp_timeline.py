# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import Command, api, fields, models


class IncomingStockAtpTimeline(models.TransientModel):
    _name = "incoming.stock.atp.timeline"
    _description = "Available to Promise Timeline"

    product_id = fields.Many2one(
        "product.product", required=True, domain=[("is_storable", "=", True)]
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        domain="[('company_id', 'in', allowed_company_ids)]",
        help="Empty: every warehouse of your companies.",
    )
    include_rfq = fields.Boolean(
        "Count RFQs Sent to Suppliers",
        help="Also count requests for quotation sent to the supplier as incoming.",
    )
    summary = fields.Char("Availability", compute="_compute_timeline", store=True)
    line_ids = fields.One2many(
        "incoming.stock.atp.timeline.line",
        "timeline_id",
        "Days",
        compute="_compute_timeline",
        store=True,
    )
    quantity = fields.Float(
        "Units to Ship",
        digits="Product Unit",
        help="How many more units would you like to promise?",
    )
    earliest_date = fields.Date(
        "Earliest Shipping Date",
        compute="_compute_earliest_date",
        help="First day from which these units can ship without taking units "
        "already promised to other orders.",
    )
    earliest_date_message = fields.Char(compute="_compute_earliest_date")

    @api.depends("product_id", "warehouse_id", "include_rfq")
    def _compute_timeline(self):
        for wizard in self:
            product = wizard.product_id._origin
            if not product:
                wizard.summary = False
                wizard.line_ids = [Command.clear()]
                continue
            warehouse = wizard.warehouse_id._origin or None
            figures = product._get_atp_figures(
                warehouse=warehouse, include_rfq=wizard.include_rfq
            )[product.id]
            _on_hand, rows = product._get_atp_timeline(
                warehouse=warehouse, include_rfq=wizard.include_rfq
            )
            wizard.summary = product._atp_summary_text(figures)
            wizard.line_ids = [Command.clear()] + [
                Command.create(
                    {
                        "date": row.date,
                        "incoming": row.incoming,
                        "outgoing": row.outgoing,
                        "projected": row.projected,
                        "atp": row.atp,
                    }
                )
                for row in rows
            ]

    @api.depends("quantity", "line_ids.atp", "line_ids.date")
    def _compute_earliest_date(self):
        for wizard in self:
            wizard.earliest_date = False
            wizard.earliest_date_message = False
            if not wizard.product_id or wizard.quantity <= 0:
                continue
            # The timeline lines are the projection: read the answer from them
            # so that the form shows one consistent picture.
            for line in wizard.line_ids.sorted("date"):
                if wizard.product_uom_id.compare(line.atp, wizard.quantity) >= 0:
                    wizard.earliest_date = line.date
                    break
            else:
                wizard.earliest_date_message = self.env._(
                    "Not possible with the stock on hand and on order: order more "
                    "from your supplier."
                )


class IncomingStockAtpTimelineLine(models.TransientModel):
    _name = "incoming.stock.atp.timeline.line"
    _description = "Available to Promise Timeline Day"
    _order = "date"

    timeline_id = fields.Many2one(
        "incoming.stock.atp.timeline", required=True, ondelete="cascade", index=True
    )
    date = fields.Date(required=True)
    incoming = fields.Float("Receipts", digits="Product Unit")
    outgoing = fields.Float("Deliveries", digits="Product Unit")
    projected = fields.Float(
        "Projected Stock", digits="Product Unit", help="Stock at the end of the day."
    )
    atp = fields.Float(
        "Available to Promise",
        digits="Product Unit",
        help="Units that can still be promised for this day: the lowest projected "
        "stock from this day onwards.",
    )
