# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    channel_import_email = fields.Char(
        string="Channel Import E-mail Key",
        copy=False,
        readonly=True,
        help="Lower-case e-mail under which an order file import created this "
        "customer. Unique, so that two imports running at once cannot create the "
        "same customer twice.",
    )

    _channel_import_email_uniq = models.Constraint(
        "UNIQUE(channel_import_email)",
        "Another customer was already created for this e-mail by an order import.",
    )
