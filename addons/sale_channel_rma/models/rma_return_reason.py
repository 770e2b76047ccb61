# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RmaReturnReason(models.Model):
    """Why the customer sends the goods back: chosen on the public return page and
    counted in the return report."""

    _name = "rma.return.reason"
    _description = "Return reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    portal_visible = fields.Boolean(
        string="Offered on the return page",
        default=True,
        help="Customers can choose this reason on the public return page.",
    )

    _name_uniq = models.Constraint("UNIQUE(name)", "A return reason must be unique.")
