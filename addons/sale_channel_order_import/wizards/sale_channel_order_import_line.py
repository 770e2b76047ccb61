# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class SaleChannelOrderImportLine(models.TransientModel):
    _name = "sale.channel.order.import.line"
    _description = "Order File Preview Message"
    _order = "row, id"

    wizard_id = fields.Many2one(
        "sale.channel.order.import", required=True, ondelete="cascade"
    )
    row = fields.Integer()
    order_ref = fields.Char(string="Order Number")
    level = fields.Selection(
        [("error", "Error"), ("warning", "Warning"), ("info", "Information")],
        required=True,
    )
    message = fields.Char()
