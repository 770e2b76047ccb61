# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize, escape_psql, float_compare, float_round


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _rma_portal_find(self, number, email):
        """The confirmed order called ``number`` whose customer, invoice or delivery
        address has the e-mail ``email``; an empty recordset otherwise, whether the
        order does not exist or the address does not match (the caller must not
        tell the two apart)."""
        number = (number or "").strip()
        email = email_normalize(email or "")
        if not number or not email:
            return self.browse()
        orders = self.search(
            [("name", "=ilike", escape_psql(number)), ("state", "=", "sale")],
            limit=5,
        )
        for order in orders:
            partners = order.partner_id | order.partner_invoice_id
            partners |= order.partner_shipping_id
            if email in {email_normalize(p.email) for p in partners if p.email}:
                return order
        return self.browse()

    def _rma_portal_lines(self):
        """Delivered lines the customer may still return: [{key, product, quantity,
        uom, picking, move, sale_line}], from rma_sale's own count (returned and
        already requested units are deducted)."""
        self.ensure_one()
        lines = []
        for data in self.get_delivery_rma_data():
            sale_line = data["sale_line_id"]
            picking = data["picking"] or self.env["stock.picking"]
            move = picking.move_ids.filtered(
                lambda m, sale_line=sale_line: (
                    m.sale_line_id == sale_line and m.state == "done"
                )
            )[:1]
            quantity = float_round(
                data["quantity"], precision_rounding=data["uom"].rounding
            )
            if quantity <= 0:
                continue
            lines.append(
                {
                    "key": f"{sale_line.id}-{picking.id or 0}",
                    "product": data["product"],
                    "quantity": quantity,
                    "uom": data["uom"],
                    "picking": picking,
                    "move": move,
                    "sale_line": sale_line,
                }
            )
        return lines

    def _rma_portal_create(self, quantities, reason, operation, comment=""):
        """Create and confirm one RMA per requested line; ``quantities`` is
        {line key: quantity}. Raise ValidationError, creating nothing, when a
        quantity is not a number, exceeds what was delivered, or none is given."""
        self.ensure_one()
        available = {line["key"]: line for line in self._rma_portal_lines()}
        vals_list = []
        for key, raw in quantities.items():
            line = available.get(key)
            if line is None:
                raise ValidationError(
                    self.env._(
                        "Order %(order)s: this line cannot be returned.",
                        order=self.name,
                    )
                )
            try:
                quantity = float(raw or 0)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "%(product)s: the quantity to return must be a number.",
                        product=line["product"].display_name,
                    )
                ) from error
            if quantity <= 0:
                continue
            rounding = line["uom"].rounding
            if (
                float_compare(quantity, line["quantity"], precision_rounding=rounding)
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(product)s: you can return at most %(qty)s.",
                        product=line["product"].display_name,
                        qty=line["quantity"],
                    )
                )
            vals_list.append(
                {
                    "partner_id": self.partner_id.id,
                    "partner_invoice_id": self.partner_invoice_id.id,
                    "partner_shipping_id": self.partner_shipping_id.id,
                    "origin": self.name,
                    "company_id": self.company_id.id,
                    "location_id": self.warehouse_id.rma_loc_id.id,
                    "order_id": self.id,
                    "picking_id": line["picking"].id,
                    "move_id": line["move"].id,
                    "product_id": line["product"].id,
                    "product_uom_qty": quantity,
                    "product_uom": line["uom"].id,
                    "operation_id": operation.id,
                    "return_reason_id": reason.id,
                    "description": comment or False,
                }
            )
        if not vals_list:
            raise ValidationError(
                self.env._("Choose at least one item and the quantity to return.")
            )
        rmas = self.env["rma"].create(vals_list)
        rmas.action_confirm()
        rmas._sale_channel_rma_notify_customer()
        return rmas
