# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models
from odoo.tools import SQL

COST_GROUPS = "sales_team.group_sale_salesman,account.group_account_invoice"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    fulfillment_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company currency"
    )
    fulfillment_cost_line_ids = fields.One2many(
        "fulfillment.cost.line",
        "order_id",
        string="Fulfilment cost lines",
        groups=COST_GROUPS,
    )
    fulfillment_cost = fields.Monetary(
        "Fulfilment cost",
        readonly=True,
        copy=False,
        currency_field="fulfillment_currency_id",
        groups=COST_GROUPS,
        help="Sum of the fulfilment cost lines (estimate until delivered, then fixed), "
        "returns included, in company currency.",
    )
    fulfillment_goods_cost = fields.Monetary(
        "Cost of goods",
        readonly=True,
        copy=False,
        currency_field="fulfillment_currency_id",
        groups=COST_GROUPS,
    )
    fulfillment_margin = fields.Monetary(
        "Margin after fulfilment",
        readonly=True,
        copy=False,
        currency_field="fulfillment_currency_id",
        groups=COST_GROUPS,
        help="Untaxed revenue − cost of goods − fulfilment cost.",
    )
    fulfillment_cost_state = fields.Selection(
        [("none", "Not priced"), ("estimate", "Estimate"), ("fixed", "Fixed")],
        "Fulfilment cost status",
        readonly=True,
        copy=False,
        default="none",
        groups=COST_GROUPS,
    )

    def action_confirm(self):
        res = super().action_confirm()
        self._fulfillment_estimate()
        return res

    def action_fulfillment_estimate(self):
        """Button: recompute the fulfilment cost. Delivered orders are priced
        again from their done transfers (unbilled lines only), the others are
        estimated from their lines. Idempotent."""
        pickings = self.picking_ids.filtered(lambda p: p.state == "done")
        # sudo: the seller may read cost lines; writing them is the engine's job.
        CostLine = self.env["fulfillment.cost.line"].sudo()
        if pickings:
            CostLine._compute_for_pickings(pickings)
        self.filtered(lambda o: not (o.picking_ids & pickings))._fulfillment_estimate()
        return True

    def _fulfillment_shipments(self):
        """One hypothetical shipment per order, from its lines (estimate)."""
        shipments = []
        CostLine = self.env["fulfillment.cost.line"]
        services = CostLine._order_services(set(self.ids))
        for order in self:
            warehouse = order.warehouse_id
            lines = [
                (
                    line.product_id.id,
                    line.product_uom_id._compute_quantity(
                        line.product_uom_qty, line.product_id.uom_id
                    ),
                    line.product_id.weight,
                    line.product_id.volume,
                )
                for line in order.order_line
                if line.product_id.type == "consu"
                and not line.is_delivery
                and line.product_uom_qty > 0
            ]
            if not lines:
                continue
            shipments.append(
                {
                    "order": order,
                    "order_id": order.id,
                    "picking_id": None,
                    "company_id": order.company_id.id,
                    "provider_id": (
                        warehouse.fulfillment_provider_id or order.company_id.partner_id
                    ).id,
                    "client_id": None,
                    "date": fields.Date.to_date(
                        fields.Date.context_today(self, order.date_order)
                    ),
                    "carrier_id": order.carrier_id.id or None,
                    "carrier_price": 0.0,
                    "team_id": order.team_id.id or None,
                    "total": order.amount_untaxed,
                    "origin": "order",
                    "lines": lines,
                    "services": services.get(order.id, {}),
                }
            )
        return shipments

    def _fulfillment_estimate(self):
        """Replace the estimated lines of orders not yet delivered. Idempotent."""
        self.env["fulfillment.cost.line"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT order_id FROM fulfillment_cost_line "
                "WHERE order_id = ANY(%s) AND state = 'fixed'",
                self.ids,
            )
        )
        delivered = {r[0] for r in self.env.cr.fetchall()}
        orders = self.filtered(lambda o: o.id not in delivered and o.state != "cancel")
        if not orders:
            return
        CostLine = self.env["fulfillment.cost.line"].sudo()
        rows = CostLine._price_shipments(orders._fulfillment_shipments(), "estimate")
        CostLine._replace_rows(
            rows, SQL("order_id = ANY(%s) AND state = 'estimate'", orders.ids)
        )
        orders._fulfillment_update_totals()

    def _fulfillment_update_totals(self):
        """Write cost, cost of goods and margin of the orders in one query.
        Cost of goods: delivered quantities (or ordered ones before delivery)
        at the product's cost. Every table is reached by the orders' ids (an
        index scan whatever the planner's statistics say: bulk-loaded tables
        are often not analysed yet), and only orders whose figures change are
        written."""
        if not self:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH cost AS (
                    SELECT order_id, SUM(amount_company) AS cost,
                           bool_or(state = 'fixed') AS fixed
                      FROM fulfillment_cost_line
                     WHERE order_id = ANY(%(ids)s)
                     GROUP BY order_id
                ), goods AS (
                    SELECT sol.order_id,
                           SUM(CASE WHEN sol.qty_delivered > 0 THEN sol.qty_delivered
                                    ELSE sol.product_uom_qty END
                               * COALESCE(
                                   (pp.standard_price->>so.company_id::text)::numeric, 0
                               )) AS goods
                      FROM sale_order_line sol
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN product_product pp ON pp.id = sol.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE sol.order_id = ANY(%(ids)s) AND so.id = ANY(%(ids)s)
                       AND pt.type = 'consu' AND NOT COALESCE(sol.is_delivery, FALSE)
                     GROUP BY sol.order_id
                ), figures AS (
                    SELECT so.id, COALESCE(cost.cost, 0) AS cost,
                           COALESCE(goods.goods, 0) AS goods,
                           so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1)
                               - COALESCE(goods.goods, 0) - COALESCE(cost.cost, 0)
                               AS margin,
                           CASE WHEN cost.fixed THEN 'fixed'
                                WHEN cost.order_id IS NOT NULL THEN 'estimate'
                                ELSE 'none' END AS state
                      FROM sale_order so
                      LEFT JOIN cost ON cost.order_id = so.id
                      LEFT JOIN goods ON goods.order_id = so.id
                     WHERE so.id = ANY(%(ids)s)
                )
                UPDATE sale_order so
                   SET fulfillment_cost = f.cost,
                       fulfillment_goods_cost = f.goods,
                       fulfillment_margin = f.margin,
                       fulfillment_cost_state = f.state
                  FROM figures f
                 WHERE so.id = f.id AND so.id = ANY(%(ids)s)
                   AND (so.fulfillment_cost, so.fulfillment_goods_cost,
                        so.fulfillment_margin, so.fulfillment_cost_state)
                       IS DISTINCT FROM (f.cost, f.goods, f.margin, f.state)
                """,
                ids=self.ids,
            )
        )
        self.invalidate_recordset(
            [
                "fulfillment_cost",
                "fulfillment_goods_cost",
                "fulfillment_margin",
                "fulfillment_cost_state",
                "fulfillment_cost_line_ids",
            ]
        )
