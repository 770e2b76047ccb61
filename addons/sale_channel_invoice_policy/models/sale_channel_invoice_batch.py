# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleChannelInvoiceBatch(models.Model):
    _name = "sale.channel.invoice.batch"
    _description = "Batch of orders invoiced and sent by queue jobs"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    order_ids = fields.One2many(
        "sale.order", "auto_invoice_batch_id", string="Orders", readonly=True
    )
    order_count = fields.Integer(compute="_compute_progress", string="Number of Orders")
    queued_count = fields.Integer(compute="_compute_progress", string="Waiting")
    done_count = fields.Integer(compute="_compute_progress", string="Invoiced")
    error_count = fields.Integer(compute="_compute_progress", string="Need attention")
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")

    @api.depends("order_ids.auto_invoice_state")
    def _compute_progress(self):
        counts = {
            (batch.id, state): count
            for batch, state, count in self.env["sale.order"]._read_group(
                [("auto_invoice_batch_id", "in", self.ids)],
                ["auto_invoice_batch_id", "auto_invoice_state"],
                ["__count"],
            )
        }
        for batch in self:
            queued = counts.get((batch.id, "queued"), 0)
            done = counts.get((batch.id, "done"), 0)
            error = counts.get((batch.id, "error"), 0)
            total = queued + done + error
            batch.order_count = total
            batch.queued_count = queued
            batch.done_count = done
            batch.error_count = error
            batch.progress = 100.0 * (done + error) / total if total else 0.0

    @api.model
    def _create_for_orders(self, orders):
        """Create a batch of the orders that have something to invoice and queue it."""
        orders = orders.filtered(
            lambda o: (
                o.state == "sale"
                and (
                    o.invoice_status == "to invoice"
                    or o.invoice_ids.filtered(
                        lambda m: m.state == "draft" and m.auto_invoice_error
                    )
                )
            )
        )
        if not orders:
            raise UserError(
                self.env._("None of the selected orders has anything to invoice.")
            )
        batch = self.create(
            {
                "name": self.env._(
                    "%(count)s orders, %(date)s",
                    count=len(orders),
                    date=fields.Datetime.to_string(fields.Datetime.now())[:16],
                )
            }
        )
        orders._auto_invoice_enqueue(batch=batch)
        return batch

    def action_open_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action.update(
            {
                "domain": [("auto_invoice_batch_id", "=", self.id)],
                "context": {"create": False},
            }
        )
        return action
