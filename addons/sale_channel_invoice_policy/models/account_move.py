# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    auto_invoice_error = fields.Text(
        string="Automatic invoicing problem",
        copy=False,
        readonly=True,
        help="Why the sales channel's automatic invoicing left this invoice in draft.",
    )

    def _auto_invoice_post_and_send(self):
        """Post the invoices and e-mail them as PDF with Odoo's invoice template
        (one PDF rendering for all), in each customer's language. The caller holds
        a savepoint: an error leaves them in draft. Invoices already posted (their
        e-mail was refused by the mail server) are only sent again."""
        self.filtered(lambda m: m.state == "draft").action_post()
        self.env["account.move.send"]._generate_and_send_invoices(
            self, sending_methods=["email"]
        )
