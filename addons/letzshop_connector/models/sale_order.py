from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import letzshop_schema as schema


class SaleOrder(models.Model):
    _inherit = "sale.order"

    letzshop_shipment_id = fields.Many2one(
        "letzshop.shipment",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    letzshop_account_id = fields.Many2one(
        related="letzshop_shipment_id.account_id", string="Letzshop Account", store=True
    )
    letzshop_decision_state = fields.Selection(
        related="letzshop_shipment_id.decision_state"
    )
    letzshop_state = fields.Selection(
        related="letzshop_shipment_id.state", string="Letzshop Status"
    )
    letzshop_needs_attention = fields.Boolean(
        compute="_compute_letzshop_needs_attention",
        store=True,
        help="Some Letzshop units name a product Odoo does not know (by barcode or "
        "internal reference). Choose the product on those lines.",
    )
    letzshop_unknown_products = fields.Text(
        compute="_compute_letzshop_needs_attention", store=True
    )
    letzshop_has_pending_units = fields.Boolean(
        compute="_compute_letzshop_has_pending_units"
    )

    @api.depends("order_line.letzshop_unmapped", "order_line.letzshop_available_qty")
    def _compute_letzshop_needs_attention(self):
        for order in self:
            unmapped = order.order_line.filtered("letzshop_unmapped")
            order.letzshop_needs_attention = bool(unmapped)
            order.letzshop_unknown_products = (
                "\n".join(
                    f"SKU {line.letzshop_sku or '-'} / EAN {line.letzshop_ean or '-'}"
                    for line in unmapped
                )
                or False
            )

    @api.depends("order_line.letzshop_unit_states")
    def _compute_letzshop_has_pending_units(self):
        for order in self:
            order.letzshop_has_pending_units = any(
                state == schema.UNIT_STATE_PENDING
                for line in order.order_line
                for state in (line.letzshop_unit_states or {}).values()
            )

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or not self.letzshop_shipment_id:
            return error
        blocking = self.order_line.filtered(
            lambda line: line.letzshop_unmapped and line.product_uom_qty > 0
        )
        if blocking:
            return self.env._(
                "Letzshop order %(order)s cannot be confirmed: choose the product of "
                "the line(s) %(skus)s (field 'Product'), or decline them on Letzshop.",
                order=self.name,
                skus=", ".join(
                    line.letzshop_sku or line.letzshop_ean or "?" for line in blocking
                ),
            )
        if self.letzshop_has_pending_units and not self.env.context.get(
            "letzshop_decided"
        ):
            return self.env._(
                "Letzshop order %(order)s still waits for your decision on Letzshop: "
                "use 'Confirm on Letzshop', 'Decline on Letzshop' or 'Send Decision'.",
                order=self.name,
            )
        return False

    # -- buttons: the vendor decides ----------
    def action_letzshop_confirm_all(self):
        for line in self.order_line.filtered("letzshop_unit_ids"):
            line.letzshop_available_qty = len(line.letzshop_unit_ids)
        return self.action_letzshop_send_decision()

    def action_letzshop_decline_all(self):
        self.order_line.filtered("letzshop_unit_ids").letzshop_available_qty = 0
        return self.action_letzshop_send_decision()

    def action_letzshop_send_decision(self):
        """Send, per line, 'Available' units as confirmed and the rest as declined."""
        for order in self:
            if not order.letzshop_shipment_id:
                raise UserError(
                    self.env._(
                        "Order %(order)s does not come from Letzshop.", order=order.name
                    )
                )
            if not order.letzshop_has_pending_units:
                raise UserError(
                    self.env._(
                        "Letzshop order %(order)s has no unit left to decide.",
                        order=order.name,
                    )
                )
            for line in order.order_line.filtered("letzshop_unit_ids"):
                if line.letzshop_unmapped and line.letzshop_available_qty > 0:
                    raise UserError(
                        self.env._(
                            "Letzshop order %(order)s, line %(sku)s: the product is "
                            "unknown. Choose it in the field 'Product', or set "
                            "'Available' to 0 to decline these units.",
                            order=order.name,
                            sku=line.letzshop_sku or line.letzshop_ean or line.name,
                        )
                    )
                if not 0 <= line.letzshop_available_qty <= len(line.letzshop_unit_ids):
                    raise UserError(
                        self.env._(
                            "Letzshop order %(order)s, line %(line)s: 'Available' must "
                            "be between 0 and %(max)s.",
                            order=order.name,
                            line=line.product_id.display_name,
                            max=len(line.letzshop_unit_ids),
                        )
                    )
        # sudo: salesmen decide on their orders but may not write the binding
        # (its decision state); only the shipments of these orders are touched.
        self.letzshop_shipment_id.sudo()._letzshop_enqueue_decision()
        return True

    def _letzshop_auto_decide(self):
        """Decide from publishable stock: each order in Letzshop's order takes what
        is left; orders with unknown products wait for the vendor."""
        orders = self.filtered(
            lambda o: o.letzshop_has_pending_units and not o.letzshop_needs_attention
        ).sorted(lambda o: (o.date_order, o.id))
        if not orders:
            return
        account = orders[0].letzshop_account_id
        lines = orders.order_line.filtered("letzshop_unit_ids")
        left = account._letzshop_publishable_quantities(lines.product_id)
        for line in lines:
            wanted = len(line.letzshop_unit_ids)
            give = max(0, min(wanted, int(left.get(line.product_id.id, 0))))
            left[line.product_id.id] = left.get(line.product_id.id, 0) - give
            line.letzshop_available_qty = give
        orders.letzshop_shipment_id._letzshop_enqueue_decision()

    def _letzshop_use_price_included_taxes(self):
        self.order_line._letzshop_use_price_included_taxes()
