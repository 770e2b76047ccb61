# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

#: share of a limit at which the seller is warned
WARN_RATIO = 0.8


class LetzshopOmsPlan(models.Model):
    """A subscription plan (seed: Essential, Professional, Business) and its limits.

    A limit of 0 means unlimited. A company without a plan has no limit at all
    (the default when the seller hosts the product)."""

    _name = "letzshop.oms.plan"
    _description = "OMS Plan"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    monthly_price = fields.Float(digits=(16, 2), help="List price per month, in EUR.")
    max_orders_month = fields.Integer(
        string="Orders per Month",
        help="Orders created in a calendar month (0: unlimited). Beyond it, new "
        "orders entered by hand are refused; imported orders are kept and held.",
    )
    max_products = fields.Integer(string="Products", help="0: unlimited.")
    max_users = fields.Integer(string="Users", help="Internal users; 0: unlimited.")
    history_months = fields.Integer(
        string="Months of Order History", help="0: unlimited."
    )
    max_letzshop_accounts = fields.Integer(
        string="Letzshop Accounts", help="0: unlimited."
    )
    api_access = fields.Boolean(string="API Access")
    eu_vat_invoicing = fields.Boolean(string="EU VAT Invoicing")
    bins_incoming_stock = fields.Boolean(string="Bins and Incoming Stock")
    customer_export = fields.Boolean()
    company_ids = fields.One2many("res.company", "oms_plan_id")
