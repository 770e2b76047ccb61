# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models, tools
from odoo.tools import SQL


class FulfillmentCostReport(models.Model):
    """Revenue, cost of goods, fulfilment cost and margin per order line: the
    order's fulfilment cost is shared over its product lines by quantity, so
    the pivot can group by channel, month, product and carrier."""

    _name = "fulfillment.cost.report"
    _description = "Fulfilment cost and margin analysis"
    _auto = False
    _order = "date desc"

    order_id = fields.Many2one("sale.order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    team_id = fields.Many2one("crm.team", "Channel", readonly=True)
    carrier_id = fields.Many2one("delivery.carrier", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    date = fields.Date("Order date", readonly=True)
    quantity = fields.Float(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    revenue = fields.Monetary(readonly=True)
    goods_cost = fields.Monetary("Cost of goods", readonly=True)
    fulfillment_cost = fields.Monetary("Fulfilment cost", readonly=True)
    margin = fields.Monetary("Margin after fulfilment", readonly=True)
    cost_state = fields.Selection(
        [("estimate", "Estimate"), ("fixed", "Fixed")], "Cost status", readonly=True
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                WITH lines AS (
                    SELECT sol.id, sol.order_id, sol.product_id,
                           CASE WHEN sol.qty_delivered > 0 THEN sol.qty_delivered
                                ELSE sol.product_uom_qty END AS qty,
                           sol.price_subtotal
                               / COALESCE(NULLIF(so.currency_rate, 0), 1) AS revenue,
                           COALESCE((pp.standard_price->>so.company_id::text)::numeric,
                                    0) AS unit_cost
                      FROM sale_order_line sol
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN product_product pp ON pp.id = sol.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE so.fulfillment_cost_state IN ('estimate', 'fixed')
                       AND pt.type = 'consu' AND NOT COALESCE(sol.is_delivery, FALSE)
                ), shares AS (
                    SELECT lines.*, SUM(qty) OVER (PARTITION BY order_id) AS order_qty
                      FROM lines
                )
                SELECT s.id, s.order_id, so.company_id, so.team_id, so.carrier_id,
                       s.product_id, so.date_order::date AS date, s.qty AS quantity,
                       c.currency_id, so.fulfillment_cost_state AS cost_state,
                       s.revenue, s.qty * s.unit_cost AS goods_cost,
                       so.fulfillment_cost * s.qty / NULLIF(s.order_qty, 0)
                           AS fulfillment_cost,
                       s.revenue - s.qty * s.unit_cost
                           - COALESCE(so.fulfillment_cost * s.qty
                                      / NULLIF(s.order_qty, 0), 0) AS margin
                  FROM shares s
                  JOIN sale_order so ON so.id = s.order_id
                  JOIN res_company c ON c.id = so.company_id
                )
                """,
                SQL.identifier(self._table),
            )
        )
