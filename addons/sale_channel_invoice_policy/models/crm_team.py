# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    invoice_policy = fields.Selection(
        [
            ("delivery", "On delivery"),
            ("order", "On order confirmation"),
            ("manual", "By hand"),
        ],
        string="Invoicing",
        default="manual",
        required=True,
        help="When the orders of this sales channel are invoiced by themselves: "
        "on delivery (when the outgoing transfer is validated), when the order is "
        "confirmed, or only by hand. The invoice is created, posted and e-mailed "
        "as PDF to the invoice address in the customer's language.",
    )
