# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.oss_vat_invoice import vat_decision as vd


class AccountMove(models.Model):
    _inherit = "account.move"

    # the home's invoices not sent: the few posted customer invoices not yet
    # sent, not every invoice of the company
    _oms_not_sent_idx = models.Index(
        "(company_id) WHERE move_type = 'out_invoice' AND state = 'posted' "
        "AND is_move_sent IS NOT TRUE"
    )

    def _post(self, soft=True):
        """Invoices with another member state's VAT (OSS) need the plan's EU VAT
        invoicing; domestic invoices always post. Checked after posting, since
        the EU VAT decision may switch an invoice to OSS while it posts: a
        refusal rolls the posting back."""
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda m: m.oss_vat_rule == vd.OSS and m.is_sale_document()
        ).company_id._oms_plan_check("eu_vat_invoicing")
        return posted
