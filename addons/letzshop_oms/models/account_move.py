# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    # the home's invoices not sent: the few posted customer invoices not yet
    # sent, not every invoice of the company
    _oms_not_sent_idx = models.Index(
        "(company_id) WHERE move_type = 'out_invoice' AND state = 'posted' "
        "AND is_move_sent IS NOT TRUE"
    )
