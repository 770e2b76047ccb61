# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oms_oversell_prevented = fields.Boolean(
        string="Oversell Prevented",
        readonly=True,
        copy=False,
        help="Letzshop units of this order were declined automatically because the "
        "stock was not there: a sale that would have been oversold.",
    )

    oms_plan_held = fields.Boolean(
        string="Held by the Plan",
        readonly=True,
        copy=False,
        help="Imported beyond the plan's orders per month: kept, but neither "
        "confirmed nor decided until the plan allows it.",
    )

    # the home counts the few orders flagged: a partial index, not a full scan
    _oms_oversell_prevented_idx = models.Index(
        "(company_id, date_order) WHERE oms_oversell_prevented IS TRUE"
    )
    # the home's late orders: the few confirmed orders with a promised date
    _oms_late_idx = models.Index(
        "(company_id, commitment_date) "
        "WHERE state = 'sale' AND commitment_date IS NOT NULL"
    )

    @api.model_create_multi
    def create(self, vals_list):
        """The plan's orders per month: an order entered by hand beyond it is
        refused; an imported one (Letzshop, order file) is kept and held."""
        room = {}
        for vals in vals_list:
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            limit = company.oms_plan_id.max_orders_month
            if not limit:
                continue
            if company not in room:
                room[company] = limit - company._oms_usage()["oms_usage_orders_month"]
            if room[company] > 0:
                room[company] -= 1
            elif vals.get("letzshop_shipment_id") or self.env.context.get(
                "oms_plan_import"
            ):
                vals["oms_plan_held"] = True
            else:
                raise UserError(company._oms_plan_refusal("max_orders_month"))
        return super().create(vals_list)

    def _oms_plan_release(self):
        """Release held orders the plan now has room for, refuse the others."""
        held = self.filtered("oms_plan_held")
        for company in held.company_id:
            orders = held.filtered(lambda o, c=company: o.company_id == c)
            if not company._oms_plan_room("max_orders_month", adding=len(orders)):
                raise UserError(
                    self.env._(
                        "Orders %(orders)s are held: %(reason)s",
                        orders=", ".join(orders.mapped("name")),
                        reason=company._oms_plan_refusal("max_orders_month"),
                    )
                )
        held.oms_plan_held = False

    def action_confirm(self):
        self._oms_plan_release()
        return super().action_confirm()

    def action_letzshop_send_decision(self):
        self._oms_plan_release()
        return super().action_letzshop_send_decision()

    def _letzshop_auto_decide(self):
        """Held orders wait (they are not declined); remember the orders whose
        units the automatic decision declined for lack of stock (the home's
        'oversells prevented')."""
        free = self.filtered(lambda o: not o.oms_plan_held)
        decided = free.filtered(
            lambda o: o.letzshop_has_pending_units and not o.letzshop_needs_attention
        )
        result = super(SaleOrder, free)._letzshop_auto_decide()
        short = decided.order_line.filtered(
            lambda line: (
                line.letzshop_unit_ids
                and not line.letzshop_unmapped
                and line.letzshop_available_qty < len(line.letzshop_unit_ids)
            )
        ).order_id
        short.oms_oversell_prevented = True
        return result
