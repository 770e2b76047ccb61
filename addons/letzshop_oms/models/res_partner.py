from odoo import api, fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    oms_warehouse_visible = fields.Boolean(
        string="Visible to Warehouse Staff",
        compute="_compute_oms_warehouse_visible",
        search="_search_oms_warehouse_visible",
        help="Warehouse staff only see the partners they ship to or receive from "
        "(the shipping label), the companies and the users: not the customer list.",
    )

    @api.model
    def _oms_warehouse_visible_query(self):
        # Partners that appear on a picking (and their company), the companies'
        # partners and the users' partners.
        return SQL(
            """
            SELECT partner_id FROM res_users
            UNION SELECT partner_id FROM res_company
            UNION SELECT partner_id FROM stock_picking WHERE partner_id IS NOT NULL
            UNION SELECT partner.commercial_partner_id
                    FROM stock_picking picking
                    JOIN res_partner partner ON partner.id = picking.partner_id
            """
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
