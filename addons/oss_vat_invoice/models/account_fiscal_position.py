# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class AccountFiscalPosition(models.Model):
    _inherit = "account.fiscal.position"

    oss_vat_kind = fields.Selection(
        [
            ("domestic", "Seller's VAT"),
            ("ic_supply", "Intra-Community supply (Art. 138)"),
            ("export", "Export (Art. 146)"),
            ("oss", "Destination VAT (OSS)"),
        ],
        string="EU VAT treatment",
        readonly=True,
        copy=False,
        help="Set on the fiscal positions the EU VAT decision creates and applies.",
    )
    oss_country_id = fields.Many2one(
        "res.country", string="Destination VAT country", readonly=True, copy=False
    )

    _oss_kind_unique = models.UniqueIndex(
        "(company_id, oss_vat_kind, COALESCE(oss_country_id, 0)) WHERE oss_vat_kind "
        "IS NOT NULL",
        "One fiscal position per company, EU VAT treatment and destination.",
    )
