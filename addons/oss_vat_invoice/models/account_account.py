# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import psycopg2

from odoo import api, fields, models


class AccountAccount(models.Model):
    _inherit = "account.account"

    oss_vat_account = fields.Boolean(
        string="OSS VAT account",
        readonly=True,
        copy=False,
        help="Liability for VAT owed to other member states under the One-Stop-Shop.",
    )
    oss_vat_key = fields.Char(
        readonly=True,
        copy=False,
        help="Technical: oss_payable:<company id> on the OSS VAT account of a company.",
    )

    _oss_key_unique = models.UniqueIndex(
        "(oss_vat_key) WHERE oss_vat_key IS NOT NULL",
        "One OSS VAT account per company.",
    )

    @api.model
    def _oss_get_or_create(self, company):
        """The liability account of ``company`` for VAT owed to other member states,
        apart from the domestic VAT account so that the OSS payment reconciles on its
        own. Created on first use; a concurrent creation is refused by the unique
        index (savepoint) and the committed account is read instead."""
        Account = self.with_company(company)
        key = f"oss_payable:{company.id}"
        domain = [("oss_vat_key", "=", key)]
        account = Account.search(domain, limit=1)
        if account:
            return account
        # An account created before the key existed: give it the key.
        account = Account.search(
            [
                ("company_ids", "in", company.id),
                ("oss_vat_account", "=", True),
                ("oss_vat_key", "=", False),
            ],
            limit=1,
        )
        if account:
            account.oss_vat_key = key
            return account
        domestic = company.account_sale_tax_id.invoice_repartition_line_ids.filtered(
            lambda rl: rl.repartition_type == "tax"
        ).account_id[:1]
        base_code = domestic.code or "4700"
        code, n = f"{base_code}OSS", 1
        while Account.search_count(
            [("code", "=", code), ("company_ids", "in", company.id)]
        ):
            n += 1
            code = f"{base_code}OSS{n}"
        try:
            with self.env.cr.savepoint():
                return Account.create(
                    {
                        "name": self.env._("VAT payable under OSS"),
                        "code": code,
                        "account_type": "liability_current",
                        "company_ids": [(6, 0, company.ids)],
                        "oss_vat_account": True,
                        "oss_vat_key": key,
                    }
                )
        except psycopg2.IntegrityError:
            return Account.search(domain, limit=1)
