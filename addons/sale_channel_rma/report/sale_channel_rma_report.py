# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class SaleChannelRmaReport(models.Model):
    """Return rate per product and sales channel: units returned (RMAs past
    draft, not cancelled) against units delivered on confirmed orders."""

    _name = "sale.channel.rma.report"
    _description = "Return rates per product and sales channel"
    _auto = False
    _order = "returned_qty desc, sold_qty desc, id"
    _rec_name = "product_id"

    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Product template", readonly=True
    )
    categ_id = fields.Many2one(
        "product.category", string="Product category", readonly=True
    )
    team_id = fields.Many2one("crm.team", string="Sales channel", readonly=True)
    sold_qty = fields.Float(string="Units sold", readonly=True)
    returned_qty = fields.Float(string="Units returned", readonly=True)
    return_count = fields.Integer(string="Returns", readonly=True)
    return_rate = fields.Float(
        string="Return rate (%)",
        readonly=True,
        aggregator=False,
        help="Units returned / units sold, in percent, for this product and channel.",
    )

    def _query(self):
        return SQL(
            """
            WITH sold AS (
                SELECT sol.product_id, so.team_id, so.company_id,
                       SUM(sol.qty_delivered) AS qty
                  FROM sale_order_line sol
                  JOIN sale_order so ON so.id = sol.order_id
                 WHERE so.state = 'sale' AND sol.product_id IS NOT NULL
                   AND sol.display_type IS NULL
                 GROUP BY 1, 2, 3
            ), returned AS (
                SELECT r.product_id, r.channel_id AS team_id, r.company_id,
                       SUM(r.product_uom_qty) AS qty, COUNT(*) AS returns
                  FROM rma r
                 WHERE r.state NOT IN ('draft', 'cancelled')
                   AND r.product_id IS NOT NULL
                 GROUP BY 1, 2, 3
            )
            SELECT ROW_NUMBER() OVER (ORDER BY p.id, k.team_id) AS id,
                   k.company_id, k.product_id, p.product_tmpl_id, t.categ_id,
                   k.team_id,
                   COALESCE(s.qty, 0) AS sold_qty,
                   COALESCE(r.qty, 0) AS returned_qty,
                   COALESCE(r.returns, 0) AS return_count,
                   CASE WHEN COALESCE(s.qty, 0) > 0
                        THEN 100.0 * COALESCE(r.qty, 0) / s.qty
                   END AS return_rate
              FROM (SELECT product_id, team_id, company_id FROM sold
                    UNION
                    SELECT product_id, team_id, company_id FROM returned) k
              JOIN product_product p ON p.id = k.product_id
              JOIN product_template t ON t.id = p.product_tmpl_id
              LEFT JOIN sold s
                ON s.product_id = k.product_id
               AND s.company_id = k.company_id
               AND s.team_id IS NOT DISTINCT FROM k.team_id
              LEFT JOIN returned r
                ON r.product_id = k.product_id
               AND r.company_id = k.company_id
               AND r.team_id IS NOT DISTINCT FROM k.team_id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
