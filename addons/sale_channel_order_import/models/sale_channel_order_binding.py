# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleChannelOrderBinding(models.Model):
    """One order of a sales channel's file, imported once.

    The unique (channel, external order number) pair makes an import idempotent:
    importing the same file twice, or two files overlapping, creates each order
    once."""

    _name = "sale.channel.order.binding"
    _description = "Imported Sales Channel Order"
    _order = "id desc"
    _rec_name = "external_id"

    team_id = fields.Many2one(
        "crm.team", string="Sales Channel", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    external_id = fields.Char(string="Order Number", required=True, readonly=True)
    sale_order_id = fields.Many2one("sale.order", ondelete="set null", readonly=True)
    file_name = fields.Char(readonly=True)
    import_date = fields.Datetime(readonly=True, default=fields.Datetime.now)
    unknown_product_count = fields.Integer(
        related="sale_order_id.channel_unknown_product_count"
    )

    _channel_order_uniq = models.Constraint(
        "UNIQUE(team_id, external_id)",
        "This order of this sales channel was already imported.",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_order(self):
        if any(b.sale_order_id for b in self):
            raise UserError(
                self.env._(
                    "Delete the sale order first: an imported order that still "
                    "exists would be imported again."
                )
            )
