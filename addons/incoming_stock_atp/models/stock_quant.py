# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    # Finds what changed since a given moment without scanning the table
    # (crm.team._get_publishable_changed_since).
    _atp_write_date_idx = models.Index("(write_date)")
