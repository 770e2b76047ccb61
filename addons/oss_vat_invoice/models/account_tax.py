# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class AccountTax(models.Model):
    _inherit = "account.tax"

    oss_vat_key = fields.Char(
        string="EU VAT key",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Set on taxes created by the EU VAT decision (e.g. oss:FR:20:excl); one "
        "tax per key and company.",
    )
    oss_country_id = fields.Many2one(
        "res.country", string="OSS country", readonly=True, copy=False
    )

    _oss_key_unique = models.UniqueIndex(
        "(company_id, oss_vat_key) WHERE oss_vat_key IS NOT NULL",
        "One EU VAT tax per company and key.",
    )


class AccountTaxGroup(models.Model):
    _inherit = "account.tax.group"

    oss_vat_key = fields.Char(readonly=True, copy=False)

    _oss_key_unique = models.UniqueIndex(
        "(company_id, oss_vat_key) WHERE oss_vat_key IS NOT NULL",
        "One EU VAT tax group per company and key.",
    )


class AccountAccount(models.Model):
    _inherit = "account.account"

    oss_vat_account = fields.Boolean(
        string="OSS VAT account",
        readonly=True,
        copy=False,
        help="Liability for VAT owed to other member states under the One-Stop-Shop.",
    )
