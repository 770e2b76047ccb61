# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


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

    oms_plan_held_reason = fields.Char(
        string="Why Held", compute="_compute_oms_plan_held_reason"
    )
    oms_in_plan_history = fields.Boolean(
        string="Within the Plan's History",
        compute="_compute_oms_in_plan_history",
        search="_search_oms_in_plan_history",
        help="Orders older than the plan's months of order history are hidden "
        "(kept, not deleted; administrators see them).",
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
    # the home's sales and fulfilment figures (letzshop.oms.home._read_orders):
    # the confirmed orders of the last 90 days grouped by channel, day and cost
    # status, read from this index alone (index-only scan) and only for those
    # days, not the whole table
    _oms_sales_idx = models.Index(
        "(company_id, date_order) INCLUDE (team_id, fulfillment_cost_state, "
        "amount_untaxed, fulfillment_cost, fulfillment_margin) WHERE state = 'sale'"
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

    @api.depends("oms_plan_held", "company_id.oms_plan_id")
    def _compute_oms_plan_held_reason(self):
        for order in self:
            # no plan any more: nothing holds it, confirming releases it
            held = order.oms_plan_held and order.company_id.oms_plan_id
            order.oms_plan_held_reason = (
                order.company_id._oms_plan_refusal("max_orders_month")
                if held
                else False
            )

    @api.model
    def _oms_history_starts(self):
        """{company id: first day shown} of the companies whose plan limits the
        order history, or {} for an administrator (who sees everything) and for
        portal customers (their own orders). The rule's search runs in sudo for
        the user of the environment: the user is judged, not the sudo mode."""
        user = self.env.user
        if user.share or user._is_system():
            return {}
        today = fields.Date.context_today(self)
        # The user's companies (the multi-company rule keeps the orders to them),
        # mostly in cache already: no query added to each search of orders.
        # sudo: the plans of the user's companies, whoever reads their orders
        companies = (self.env.companies | user.company_ids).sudo()
        companies = companies.filtered(lambda c: c.oms_plan_id.history_months > 0)
        return {
            company.id: fields.Datetime.to_datetime(
                today.replace(day=1)
                - relativedelta(months=company.oms_plan_id.history_months - 1)
            )
            for company in companies
        }

    def _compute_oms_in_plan_history(self):
        starts = self._oms_history_starts()
        for order in self:
            start = starts.get(order.company_id.id)
            order.oms_in_plan_history = not start or (
                order.date_order and order.date_order >= start
            )

    def _search_oms_in_plan_history(self, operator, value):
        """The record rule's domain: computed at each query (a rule's domain is
        cached per user until the rules change, this field's search is not), so
        the window moves with the calendar and with a change of plan."""
        if operator not in ("in", "not in"):
            return NotImplemented
        starts = self._oms_history_starts()
        within = Domain("company_id", "not in", list(starts)) | Domain.OR(
            Domain("company_id", "=", company_id) & Domain("date_order", ">=", start)
            for company_id, start in starts.items()
        )
        positive = (operator == "in") == (True in value)
        return within if positive else ~within

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
