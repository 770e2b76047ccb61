# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class LuVatReturnCorrection(models.TransientModel):
    """Part of a box that corrects an earlier period: entries of this period whose
    invoice date, or the date of the entry they reverse, lies in an earlier period."""

    _name = "lu.vat.return.correction"
    _description = "Luxembourg VAT return: correction of an earlier period"
    _order = "corrected_period, box"

    wizard_id = fields.Many2one("lu.vat.return", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    box = fields.Char()
    name = fields.Char(string="Label")
    corrected_period = fields.Char(string="Corrects period")
    amount = fields.Monetary()
