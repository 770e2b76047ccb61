# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import psycopg2

from odoo import api, fields, models


class AccountTaxGroup(models.Model):
    _inherit = "account.tax.group"

    oss_vat_key = fields.Char(readonly=True, copy=False)

    _oss_key_unique = models.UniqueIndex(
        "(company_id, oss_vat_key) WHERE oss_vat_key IS NOT NULL",
        "One EU VAT tax group per company and key.",
    )

    @api.model
    def _oss_get_or_create(self, company, name, key):
        """The tax group ``key`` of ``company`` (e.g. ``oss_group:FR:20``), created
        on first use. Two transactions may both miss it and create it: the unique
        index refuses the second, whose savepoint is rolled back, and that one then
        reads the group the first committed."""
        domain = [("company_id", "=", company.id), ("oss_vat_key", "=", key)]
        group = self.search(domain, limit=1)
        if group:
            return group
        try:
            with self.env.cr.savepoint():
                return self.create(
                    {
                        "name": name,
                        "company_id": company.id,
                        "country_id": company.account_fiscal_country_id.id,
                        "oss_vat_key": key,
                        "sequence": 100,
                    }
                )
        except psycopg2.IntegrityError:
            return self.search(domain, limit=1)
