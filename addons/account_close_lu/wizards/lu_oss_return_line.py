# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class LuOssReturnLine(models.TransientModel):
    _name = "lu.oss.return.line"
    _description = "OSS return line (Luxembourg portal layout)"
    _order = "section desc, corrected_period, country_id, supply_type, rate desc"

    wizard_id = fields.Many2one("lu.oss.return", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    section = fields.Selection(
        [("supplies", "Supplies of the quarter"), ("correction", "Correction")],
        required=True,
    )
    country_id = fields.Many2one("res.country", string="Member state of consumption")
    supply_type = fields.Selection(
        [("goods", "Goods"), ("services", "Services")], string="Type of supply"
    )
    rate_type = fields.Selection(
        [("standard", "Standard"), ("reduced", "Reduced")],
        help="Empty when the rate table holds no standard rate for the member state.",
    )
    rate = fields.Float(digits=(5, 2))
    corrected_period = fields.Char(string="Corrects quarter")
    base = fields.Monetary(string="Taxable amount")
    vat = fields.Monetary(string="VAT")
