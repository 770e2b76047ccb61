# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    # Finds what changed since a given moment without scanning the table
    # (crm.team._get_publishable_changed_since).
    _atp_write_date_idx = models.Index("(write_date)")
