# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

JOB_CHANNEL = "root.sale_invoice"
BATCH_CHUNK = 50


class SaleOrder(models.Model):
    _inherit = "sale.order"

    auto_invoice_state = fields.Selection(
        [
            ("queued", "Queued"),
            ("done", "Invoiced and sent"),
            ("error", "Needs attention"),
        ],
        string="Automatic invoicing",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Where the sales channel's automatic invoicing of this order stands.",
    )
    auto_invoice_error = fields.Text(
        string="Invoicing problem",
        copy=False,
        readonly=True,
        help="Why the order could not be invoiced and sent by itself: fix it, then "
        "click Invoice and Send again.",
    )
    auto_invoice_batch_id = fields.Many2one(
        "sale.channel.invoice.batch",
        string="Invoicing batch",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )

    # ---------------------------------------------------------------- triggers
    def action_confirm(self):
        res = super().action_confirm()
        # sudo: reading the channel's policy is configuration, not the user's data
        self.filtered(
            lambda o: o.sudo().team_id.invoice_policy == "order"
        )._auto_invoice_enqueue()
        return res

    def _auto_invoice_enqueue(self, batch=None):
        """Queue the invoicing: one job per order (once per order: identity key),
        or for a batch one job per chunk of BATCH_CHUNK orders."""
        if not self:
            return self
        # sudo: the job invoices on behalf of the channel's policy, which a sales
        # manager set; whoever triggers it (a warehouse user validating a delivery
        # has no right on sale orders nor invoices) must not need invoicing rights.
        # The job keeps the triggering user as author (queue_job stores uid and su).
        orders = self.sudo()
        if batch:
            for start in range(0, len(orders), BATCH_CHUNK):
                chunk = orders[start : start + BATCH_CHUNK]
                chunk.with_delay(
                    channel=JOB_CHANNEL,
                    identity_key=f"sale_channel_invoice_policy:batch:{batch.id}:{start}",
                    description=self.env._(
                        "Invoice and send %(count)s orders of %(batch)s",
                        count=len(chunk),
                        batch=batch.name,
                    ),
                )._auto_invoice_job()
        else:
            for order in orders:
                order.with_delay(
                    channel=JOB_CHANNEL,
                    identity_key=f"sale_channel_invoice_policy:{order.id}",
                    description=self.env._(
                        "Invoice and send %(order)s", order=order.name
                    ),
                )._auto_invoice_job()
        vals = {"auto_invoice_state": "queued", "auto_invoice_error": False}
        if batch:
            vals["auto_invoice_batch_id"] = batch.id
        orders.write(vals)
        return orders

    def action_auto_invoice_retry(self):
        """Button on an order that needs attention: queue it again."""
        self.check_access("write")
        self._auto_invoice_enqueue()
        return True

    # ---------------------------------------------------------------- job
    def _auto_invoice_job(self):
        """Queue job: invoice, post and e-mail the orders.

        The drafts are created order by order; then all are posted and sent in one
        go (one PDF rendering for the chunk); when that fails, each order is posted
        and sent on its own so that one bad order does not hold the others back."""
        # One job at a time per order (a delivery's job and a batch's may meet):
        # another job holding the lock makes this one fail with a concurrency
        # error, which queue_job retries later; the retry finds the order invoiced.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sale_order WHERE id IN %s FOR UPDATE NOWAIT",
                tuple(self.ids),
            )
        )
        results = []
        ready = {}
        for order in self:
            invoices, message = order._auto_invoice_prepare()
            if invoices:
                ready[order] = invoices
            else:
                results.append(message)
        by_company = {}
        for order, invoices in ready.items():
            by_company.setdefault(order.company_id, {})[order] = invoices
        for company, group in by_company.items():
            if len(group) > 1:
                moves = self.env["account.move"].union(*group.values())
                try:
                    with self.env.cr.savepoint():
                        moves.with_company(company)._auto_invoice_post_and_send()
                except (UserError, ValidationError) as exc:
                    _logger.info(
                        "Automatic invoicing: %s, invoicing order by order", exc
                    )
                else:
                    results += [
                        order._auto_invoice_done(group[order]) for order in group
                    ]
                    continue
            for order, invoices in group.items():
                try:
                    with self.env.cr.savepoint():
                        invoices.with_company(company)._auto_invoice_post_and_send()
                except (UserError, ValidationError) as exc:
                    results.append(order._auto_invoice_fail(str(exc), invoices))
                else:
                    results.append(order._auto_invoice_done(invoices))
        return "\n".join(results)

    def _auto_invoice_prepare(self):
        """The draft invoices of this order, ready to post and send, or a message.

        A problem leaves no posted invoice behind; the draft (when one was created)
        and the order carry the reason. Returns (invoices, False) or (False, line of
        the job's result)."""
        self.ensure_one()
        order = self.with_company(self.company_id)
        # Drafts an earlier run left behind with a reason are taken up again, and
        # so are posted invoices whose e-mail the mail server refused.
        invoices = order.invoice_ids.filtered(
            lambda m: m.state in ("draft", "posted") and m.auto_invoice_error
        )
        if order.state == "sale" and order.invoice_status == "to invoice":
            try:
                with self.env.cr.savepoint():
                    # The salesperson is not e-mailed "you have been assigned"
                    # for each invoice made on delivery, one per parcel.
                    invoices |= order.with_context(
                        mail_auto_subscribe_no_notify=True
                    )._create_invoices()
            except (UserError, ValidationError) as exc:
                return False, order._auto_invoice_fail(str(exc), invoices)
        if not invoices:
            # Already invoiced (job run twice, or invoiced by hand), or nothing
            # delivered yet: nothing to do.
            if order.auto_invoice_state == "queued":
                posted = order.invoice_ids.filtered(lambda m: m.state == "posted")
                order.auto_invoice_state = "done" if posted else False
            return False, f"{order.name}: nothing to invoice"
        # The invoice exists (draft) from here on; every later problem leaves it so.
        problem = order._auto_invoice_check(invoices)
        if problem:
            return False, order._auto_invoice_fail(problem, invoices)
        return invoices, False

    def _auto_invoice_done(self, invoices):
        self.ensure_one()
        invoices.write({"auto_invoice_error": False})
        self.write({"auto_invoice_state": "done", "auto_invoice_error": False})
        return f"{self.name}: {', '.join(invoices.mapped('name'))} posted and sent"

    def _auto_invoice_check(self, invoices):
        """A reason not to post and send the draft invoices, or False."""
        for invoice in invoices:
            if invoice.oss_vat_hold:
                return self.env._(
                    "The VAT decision of %(invoice)s is pending: the VAT number "
                    "%(vat)s of %(partner)s waits for VIES. The invoice stays "
                    "in draft.",
                    invoice=invoice.display_name,
                    vat=invoice.commercial_partner_id.vat,
                    partner=invoice.commercial_partner_id.display_name,
                )
            if not invoice.partner_id.email:
                return self.env._(
                    "The invoice address %(partner)s has no e-mail (field Email): "
                    "%(invoice)s cannot be sent and stays in draft.",
                    partner=invoice.partner_id.display_name,
                    invoice=invoice.display_name,
                )
        return False

    def _auto_invoice_fail(self, reason, invoices=None):
        self.ensure_one()
        _logger.info("Automatic invoicing of %s: %s", self.name, reason)
        self.write({"auto_invoice_state": "error", "auto_invoice_error": reason})
        if invoices:
            invoices.write({"auto_invoice_error": reason})
        return f"{self.name}: {reason}"

    def action_auto_invoice_batch(self):
        """Server action on selected orders: invoice and send them in a batch."""
        self.check_access("write")
        batch = self.env["sale.channel.invoice.batch"]._create_for_orders(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.channel.invoice.batch",
            "res_id": batch.id,
            "view_mode": "form",
        }
