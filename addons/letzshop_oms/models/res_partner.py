from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

#: System parameter: days after which a done transfer's partner is hidden again
#: from the warehouse role.
WAREHOUSE_DAYS_PARAM = "letzshop_oms.warehouse_partner_days"
DEFAULT_WAREHOUSE_DAYS = 14


class ResPartner(models.Model):
    _inherit = "res.partner"

    oms_warehouse_visible = fields.Boolean(
        string="Visible to Warehouse Staff",
        compute="_compute_oms_warehouse_visible",
        search="_search_oms_warehouse_visible",
        help="Warehouse staff only see the partners of the transfers they have to do "
        "or did recently (the shipping label), the companies and the internal users: "
        "not the customer list.",
    )

    @api.model
    def _oms_warehouse_days(self):
        """Days after its transfer is done that the warehouse still sees a partner."""
        # sudo: a technical setting, read to decide what the warehouse role may see.
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(WAREHOUSE_DAYS_PARAM, DEFAULT_WAREHOUSE_DAYS)
        )
        try:
            return max(int(value), 0)
        except ValueError:
            return DEFAULT_WAREHOUSE_DAYS

    @api.model
    def _oms_warehouse_visible_query(self):
        """Partners of the transfers not done yet, or done in the last days (and their
        companies), the companies' partners and the internal users' partners."""
        done_since = fields.Datetime.now() - timedelta(days=self._oms_warehouse_days())
        # the query reads these columns itself: pending changes go to the database first
        self.env["stock.picking"].flush_model(["partner_id", "state", "date_done"])
        self.env["res.users"].flush_model(["partner_id", "share"])
        self.env["res.company"].flush_model(["partner_id"])
        self.flush_model(["commercial_partner_id"])
        pickings = SQL(
            """
            SELECT picking.partner_id
              FROM stock_picking picking
             WHERE picking.partner_id IS NOT NULL
               AND (picking.state NOT IN ('done', 'cancel')
                    OR (picking.state = 'done' AND picking.date_done >= %s))
            """,
            done_since,
        )
        return SQL(
            """
            SELECT partner_id FROM res_users WHERE NOT share
            UNION SELECT partner_id FROM res_company
            UNION SELECT partner_id FROM (%(pickings)s) AS shipped
            UNION SELECT partner.commercial_partner_id
                    FROM res_partner partner
                   WHERE partner.id IN (%(pickings)s)
            """,
            pickings=pickings,
        )

    def _compute_oms_warehouse_visible(self):
        visible = set(
            self.with_context(active_test=False)._search(
                [("id", "in", self.ids), ("oms_warehouse_visible", "=", True)]
            )
        )
        for partner in self:
            partner.oms_warehouse_visible = partner.id in visible

    def _search_oms_warehouse_visible(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        if operator in ("in", "not in"):
            positive = (True in value) == (operator == "in")
        else:
            positive = bool(value) == (operator == "=")
        query = self._oms_warehouse_visible_query()
        return [("id", "in" if positive else "not in", query)]
