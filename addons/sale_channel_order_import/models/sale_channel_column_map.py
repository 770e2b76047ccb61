# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models

from .. import order_file


class SaleChannelColumnMap(models.Model):
    """How the order export of one sales channel is read.

    Shopify's and WooCommerce's exports are recognised by their header and need
    no mapping; any other file is read with the columns named here."""

    _name = "sale.channel.column.map"
    _description = "Sales Channel Order File Columns"
    _rec_name = "team_id"

    team_id = fields.Many2one(
        "crm.team", string="Sales Channel", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="team_id.company_id", store=True)
    active = fields.Boolean(default=True)
    decimal_separator = fields.Selection(
        [("auto", "Automatic"), (".", "Point (12.50)"), (",", "Comma (12,50)")],
        default="auto",
        required=True,
        help="Automatic: a single comma is read as the decimal separator, as in "
        "French and German exports; 1,234.50 and 1.234,50 are both understood.",
    )
    date_order = fields.Selection(
        [("dmy", "Day first (31/12/2026)"), ("mdy", "Month first (12/31/2026)")],
        string="Dates",
        default="dmy",
        required=True,
        help="How to read dates written with slashes or dots; ISO dates "
        "(2026-12-31) are always understood.",
    )
    encoding = fields.Selection(
        [
            ("auto", "Automatic (UTF-8, else Windows-1252)"),
            ("utf-8-sig", "UTF-8"),
            ("cp1252", "Windows-1252"),
            ("latin-1", "ISO-8859-1"),
        ],
        default="auto",
        required=True,
    )
    prices_include_vat = fields.Boolean(
        string="Prices Include VAT",
        help="Unit prices, shipping and discounts of the file include VAT. A "
        "'Taxes Included' column of the file, when present, decides per order.",
    )
    default_currency_id = fields.Many2one(
        "res.currency",
        help="Currency of the orders when the file has no currency column; "
        "the company's currency when empty.",
    )
    col_order_ref = fields.Char("Order Number Column")
    col_order_date = fields.Char("Order Date Column")
    col_email = fields.Char("E-mail Column")
    col_currency = fields.Char("Currency Column")
    col_taxes_included = fields.Char("Taxes Included Column")
    col_shipping_amount = fields.Char("Shipping Amount Column")
    col_shipping_method = fields.Char("Shipping Method Column")
    col_discount_amount = fields.Char("Discount Amount Column")
    col_billing_name = fields.Char("Billing Name Column")
    col_billing_street = fields.Char("Billing Street Column")
    col_billing_street2 = fields.Char("Billing Street 2 Column")
    col_billing_city = fields.Char("Billing City Column")
    col_billing_zip = fields.Char("Billing ZIP Column")
    col_billing_country = fields.Char("Billing Country Column")
    col_shipping_name = fields.Char("Shipping Name Column")
    col_shipping_street = fields.Char("Shipping Street Column")
    col_shipping_street2 = fields.Char("Shipping Street 2 Column")
    col_shipping_city = fields.Char("Shipping City Column")
    col_shipping_zip = fields.Char("Shipping ZIP Column")
    col_shipping_country = fields.Char("Shipping Country Column")
    col_line_name = fields.Char("Product Name Column")
    col_line_sku = fields.Char("SKU Column")
    col_line_gtin = fields.Char("GTIN Column")
    col_line_qty = fields.Char("Quantity Column")
    col_line_price = fields.Char("Unit Price Column")

    _team_uniq = models.Constraint(
        "UNIQUE(team_id)", "A sales channel has one column mapping."
    )

    @api.model
    def _for_team(self, team):
        return self.search([("team_id", "=", team.id)], limit=1)

    def _mapping(self):
        """{field: [column]} for :mod:`order_file`."""
        self.ensure_one()
        return {
            field: [self[f"col_{field}"].strip()]
            for field in order_file.FIELDS
            if f"col_{field}" in self._fields
            and self[f"col_{field}"]
            and self[f"col_{field}"].strip()
        }
