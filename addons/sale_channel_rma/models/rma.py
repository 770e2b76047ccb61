# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

REFUND_GROUP = "sale_channel_rma.group_rma_refund"
INSPECT_GROUP = "stock.group_stock_user"


class Rma(models.Model):
    _inherit = "rma"

    return_reason_id = fields.Many2one(
        "rma.return.reason", string="Return reason", index=True, tracking=True
    )
    channel_id = fields.Many2one(
        "crm.team",
        string="Sales channel",
        related="order_id.team_id",
        store=True,
        index=True,
    )
    letzshop_unit_id = fields.Char(
        string="Letzshop unit",
        readonly=True,
        copy=False,
        help="Letzshop inventory unit this return was imported from.",
    )
    inspection_decision = fields.Selection(
        [
            ("restock", "Restocked to its home bin"),
            ("scrap", "Scrapped"),
            ("return", "Sent back to the customer"),
        ],
        string="Inspection",
        readonly=True,
        copy=False,
        tracking=True,
        help="What the warehouse decided after inspecting the returned goods.",
    )
    inspection_move_id = fields.Many2one(
        "stock.move", string="Restock move", readonly=True, copy=False
    )
    inspection_scrap_id = fields.Many2one(
        "stock.scrap", string="Scrap", readonly=True, copy=False
    )
    can_be_inspected = fields.Boolean(compute="_compute_can_be_inspected")
    # The moves a return may be of: OCA rma_sale reads them through the order's
    # lines, which a warehouse role may be refused (letzshop_oms: no sale orders
    # for the warehouse) while it receives and inspects the return. Computed as
    # superuser: the moves themselves are stock documents the warehouse reads.
    allowed_move_ids = fields.Many2many(compute_sudo=True)

    _letzshop_unit_uniq = models.Constraint(
        "UNIQUE(letzshop_unit_id)",
        "A Letzshop unit can be returned only once.",
    )

    @api.depends("state", "inspection_decision", "reception_move_id.state")
    def _compute_can_be_inspected(self):
        for rma in self:
            rma.can_be_inspected = bool(
                rma.state == "received"
                and not rma.inspection_decision
                and rma.reception_move_id.state == "done"
            )

    @api.depends("inspection_decision")
    def _compute_can_be_returned(self):
        res = super()._compute_can_be_returned()
        # Sending back after inspection is a decision of the warehouse, whatever
        # the operation the customer asked for.
        for rma in self.filtered(
            lambda r: r.inspection_decision == "return" and r.state == "received"
        ):
            rma.can_be_returned = rma.remaining_qty > 0
        return res

    # ------------------------------------------------------------------ rights
    def _sale_channel_rma_check_group(self, group, message):
        """Raise AccessError with ``message`` (a translated sentence with the
        placeholders %(user)s and %(rma)s) unless the user is in ``group``."""
        if self.env.su or self.env.user.has_group(group):
            return
        raise AccessError(
            message
            % {"user": self.env.user.name, "rma": ", ".join(self.mapped("name"))}
        )

    # ------------------------------------------------------------- inspection
    def _sale_channel_rma_ensure_inspectable(self):
        for rma in self:
            if not rma.can_be_inspected:
                raise UserError(
                    self.env._(
                        "Return %(rma)s cannot be inspected: its goods must be "
                        "received and not inspected yet (field 'Inspection').",
                        rma=rma.name,
                    )
                )

    def action_inspect_restock(self):
        """Put the returned goods back into stock: one move from the returns bin
        to the warehouse stock, where the product's putaway rule (its home bin)
        places them."""
        self._sale_channel_rma_check_group(
            INSPECT_GROUP,
            self.env._(
                "%(user)s may not restock the return %(rma)s: "
                "only the warehouse inspects returns."
            ),
        )
        self._sale_channel_rma_ensure_inspectable()
        moves = self.env["stock.move"]
        for rma in self:
            warehouse = rma.warehouse_id
            move = self.env["stock.move"].create(
                {
                    "product_id": rma.product_id.id,
                    "product_uom_qty": rma.product_uom_qty,
                    "product_uom": rma.product_uom.id,
                    "location_id": rma.location_id.id,
                    "location_dest_id": warehouse.lot_stock_id.id,
                    "picking_type_id": warehouse.int_type_id.id,
                    "company_id": rma.company_id.id,
                    "origin": rma.name,
                }
            )
            rma.write({"inspection_decision": "restock", "inspection_move_id": move.id})
            moves |= move
        moves._action_confirm()
        moves._action_assign()
        moves.picked = True
        moves._action_done()
        return True

    def action_inspect_scrap(self):
        """Scrap the returned goods from the returns bin."""
        self._sale_channel_rma_check_group(
            INSPECT_GROUP,
            self.env._(
                "%(user)s may not scrap the return %(rma)s: "
                "only the warehouse inspects returns."
            ),
        )
        self._sale_channel_rma_ensure_inspectable()
        for rma in self:
            scrap = self.env["stock.scrap"].create(
                {
                    "product_id": rma.product_id.id,
                    "scrap_qty": rma.product_uom_qty,
                    "product_uom_id": rma.product_uom.id,
                    "location_id": rma.location_id.id,
                    "company_id": rma.company_id.id,
                    "origin": rma.name,
                }
            )
            scrap.action_validate()
            rma.write({"inspection_decision": "scrap", "inspection_scrap_id": scrap.id})
        return True

    def action_inspect_send_back(self):
        """Send the goods back to the customer (e.g. not returnable): OCA rma's
        return delivery from the returns bin."""
        self._sale_channel_rma_check_group(
            INSPECT_GROUP,
            self.env._(
                "%(user)s may not send back the return %(rma)s: "
                "only the warehouse inspects returns."
            ),
        )
        self._sale_channel_rma_ensure_inspectable()
        self.write({"inspection_decision": "return"})
        self.create_return(fields.Datetime.now(), None, None)
        return True

    # ----------------------------------------------------------------- refund
    def _get_refund_origin_invoice_line(self, sale_line):
        """rma_sale rectifies the invoice line only when the order line has a
        single one; with several (e.g. an earlier credit note and a new invoice),
        the latest posted invoice line is the one the customer paid for."""
        lines = super()._get_refund_origin_invoice_line(sale_line)
        if lines or not sale_line:
            return lines
        candidates = sale_line.invoice_lines.filtered(
            lambda aml: (
                aml.move_id.move_type == "out_invoice" and aml.move_id.state == "posted"
            )
        )
        return candidates.sorted(
            lambda aml: (aml.move_id.invoice_date or aml.move_id.date, aml.move_id.id)
        )[-1:]

    def _sale_channel_rma_origin_invoice(self):
        self.ensure_one()
        sale_line = self._get_sale_line()
        return self._get_refund_origin_invoice_line(sale_line).move_id

    def _prepare_refund_vals(self, origin=False):
        """The credit note takes the VAT decision of the invoice it rectifies
        (rule, destination country, fiscal position), whatever rates or the
        threshold say today."""
        vals = super()._prepare_refund_vals(origin=origin)
        invoice = self.env["account.move"].browse(vals.get("reversed_entry_id"))
        if invoice:
            vals.update(
                {
                    "partner_shipping_id": invoice.partner_shipping_id.id,
                    "fiscal_position_id": invoice.fiscal_position_id.id,
                    "oss_vat_rule": invoice.oss_vat_rule,
                    "oss_vat_note": invoice.oss_vat_note,
                    "oss_vat_country_id": invoice.oss_vat_country_id.id,
                    "oss_customer_collects": invoice.oss_customer_collects,
                    "oss_vat_hold": False,
                }
            )
        return vals

    def action_refund(self):
        """Only who decides refunds (the vendor) refunds; one credit note per
        rectified invoice, so each carries its own invoice's VAT."""
        self._sale_channel_rma_check_group(
            REFUND_GROUP,
            self.env._(
                "%(user)s may not refund the return %(rma)s: "
                "refunds are decided by the vendor."
            ),
        )
        groups = defaultdict(lambda: self.browse())
        for rma in self.filtered("can_be_refunded"):
            groups[rma._sale_channel_rma_origin_invoice().id] |= rma
        for rmas in groups.values():
            super(Rma, rmas).action_refund()
        return True

    def action_refund_without_invoice(self):
        self._sale_channel_rma_check_group(
            REFUND_GROUP,
            self.env._(
                "%(user)s may not refund the return %(rma)s: "
                "refunds are decided by the vendor."
            ),
        )
        return super().action_refund_without_invoice()

    def action_replace(self):
        self._sale_channel_rma_check_group(
            REFUND_GROUP,
            self.env._(
                "%(user)s may not exchange the return %(rma)s: "
                "exchanges are decided by the vendor."
            ),
        )
        return super().action_replace()

    def create_replace(self, scheduled_date, warehouse, product, qty, uom):
        self._sale_channel_rma_check_group(
            REFUND_GROUP,
            self.env._(
                "%(user)s may not exchange the return %(rma)s: "
                "exchanges are decided by the vendor."
            ),
        )
        return super().create_replace(scheduled_date, warehouse, product, qty, uom)

    # ----------------------------------------------------------------- notify
    def _sale_channel_rma_notify_customer(self):
        """E-mail the customer that the return is registered (OCA rma's
        notification), unless the company already sends it on confirmation."""
        template = self.env.ref("rma.mail_template_rma_notification")
        for rma in self.filtered(lambda r: not r.company_id.send_rma_confirmation):
            company = rma.company_id
            rma.with_context(
                force_send=True, mark_rma_as_sent=True
            ).message_post_with_source(
                template,
                subtype_xmlid="rma.mt_rma_notification",
                author_id=company.partner_id.id,
                email_from=company.email_formatted or False,
            )
