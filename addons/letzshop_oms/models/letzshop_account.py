# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class LetzshopAccount(models.Model):
    _inherit = "letzshop.account"

    @api.model_create_multi
    def create(self, vals_list):
        """Letzshop orders are invoiced on delivery by default (the customer
        receives the invoice with the parcel's tracking): a channel still left
        'by hand' becomes 'on delivery' when a Letzshop account starts using it.
        A vendor who chose another policy keeps it. The channel needs tracking
        numbers. Accounts beyond the company's plan are refused."""
        accounts = super().create(vals_list)
        accounts.company_id._oms_plan_check("max_letzshop_accounts")
        accounts.team_id.filtered(lambda t: t.invoice_policy == "manual").write(
            {"invoice_policy": "delivery"}
        )
        # Letzshop expects a tracking number for every parcel: its channel lists
        # deliveries shipped without one (fulfillment_shipping).
        accounts.team_id.filtered(lambda t: not t.shipping_needs_tracking).write(
            {"shipping_needs_tracking": True}
        )
        return accounts
