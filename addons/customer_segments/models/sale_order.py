# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

# Columns of sale.order that change a customer's figures.
CUSTOMER_STATS_TRIGGERS = frozenset(
    {
        "state",
        "company_id",
        "partner_id",
        "amount_total",
        "currency_rate",
        "date_order",
        "team_id",
        "partner_shipping_id",
    }
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _customer_stats_confirmed_partners(self):
        """Commercial partners of the confirmed orders among ``self`` (one query)."""
        if not self.ids:
            return set()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT COALESCE(p.commercial_partner_id, p.id)
                     FROM sale_order so
                     JOIN res_partner p ON p.id = so.partner_id
                    WHERE so.id = ANY(%s) AND so.state = 'sale'""",
                list(self.ids),
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def _write_multi(self, vals_list):
        # Every stored change of an order goes through here, including the
        # recomputation of amount_total when lines change: the one place to see
        # confirmations, cancellations and amount changes.
        if not any(CUSTOMER_STATS_TRIGGERS.intersection(vals) for vals in vals_list):
            super()._write_multi(vals_list)
            return
        before = self._customer_stats_confirmed_partners()
        super()._write_multi(vals_list)
        after = self._customer_stats_confirmed_partners()
        if before or after:
            self.env["res.partner"]._customer_stats_mark_dirty(before | after)

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        confirmed = orders.filtered(lambda o: o.state == "sale")
        if confirmed:
            confirmed.flush_recordset(["state", "partner_id"])
            self.env["res.partner"]._customer_stats_mark_dirty(
                confirmed._customer_stats_confirmed_partners()
            )
        return orders
