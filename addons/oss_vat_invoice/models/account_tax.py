# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import psycopg2

from odoo import api, fields, models
from odoo.tools import float_round

from ..tax_codes import RETURN_TAGS, UBL_CODES, dated_tax_name, tax_key


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

    # ------------------------------------------------------------ get or create
    @api.model
    def _oss_get_or_create(
        self, company, kind, country=None, rate=0.0, price_include=False
    ):
        """The sale tax for ``kind`` (ic_supply / export: 0 %; oss: ``rate`` of
        ``country``), created once on first use and found by its key afterwards."""
        rate = float_round(rate, 2)
        key = tax_key(kind, country.code if country else "", rate, price_include)
        # sudo: taxes of the EU VAT decision are system-managed configuration, created
        # once on first need by whoever records the sale (a salesperson cannot); the
        # tax group and OSS account it needs are created in the same sudo env.
        Tax = self.sudo().with_context(active_test=False)
        domain = [("company_id", "=", company.id), ("oss_vat_key", "=", key)]
        tax = Tax.search(domain, limit=1)
        if not tax:
            vals = Tax._oss_prepare_vals(
                company, kind, key, country, rate, price_include
            )
            try:
                with self.env.cr.savepoint():
                    tax = Tax.create(vals)
            except psycopg2.IntegrityError:
                tax = Tax.search(domain, limit=1)
        return tax.with_env(self.env)

    @api.model
    def _oss_prepare_vals(self, company, kind, key, country, rate, price_include):
        tags = self._oss_base_tags(company, kind)
        account = (
            self.env["account.account"]._oss_get_or_create(company)
            if kind == "oss"
            else self.env["account.account"]
        )
        Group = self.env["account.tax.group"]
        if kind == "oss":
            cc = country.code.upper()
            name = self.env._(
                "%(rate)s%% %(country)s VAT (OSS)", rate=f"{rate:g}", country=cc
            )
            if price_include:
                name = self.env._("%(name)s incl.", name=name)
            label = f"{rate:g}% {cc}"
            group = Group._oss_get_or_create(
                company,
                self.env._("%(rate)s%% %(country)s VAT", rate=f"{rate:g}", country=cc),
                f"oss_group:{cc}:{rate:g}",
            )
        else:
            name = {
                "ic_supply": self.env._("0% intra-Community supply of goods"),
                "export": self.env._("0% export of goods"),
            }[kind]
            label = "0%"
            group = Group._oss_get_or_create(
                company, self.env._("0% exempt"), "exempt_group"
            )

        def repartition():
            return [
                (0, 0, {"repartition_type": "base", "tag_ids": [(6, 0, tags.ids)]}),
                (
                    0,
                    0,
                    {
                        "repartition_type": "tax",
                        "account_id": account.id,
                        "tag_ids": [
                            (6, 0, tags.filtered(lambda t: t.name == "OSS").ids)
                        ],
                    },
                ),
            ]

        vals = {
            "name": name,
            "invoice_label": label,
            "description": label,
            "amount": rate,
            "amount_type": "percent",
            "type_tax_use": "sale",
            "tax_scope": "consu",
            "company_id": company.id,
            "country_id": company.account_fiscal_country_id.id,
            "tax_group_id": group.id,
            "price_include_override": "tax_included"
            if price_include
            else "tax_excluded",
            "oss_vat_key": key,
            "oss_country_id": country.id if country else False,
            "sequence": 1000,
            "invoice_repartition_line_ids": repartition(),
            "refund_repartition_line_ids": repartition(),
        }
        category, reason = UBL_CODES[kind]
        if "ubl_cii_tax_category_code" in self._fields:
            vals["ubl_cii_tax_category_code"] = category
        if reason and "ubl_cii_tax_exemption_reason_code" in self._fields:
            vals["ubl_cii_tax_exemption_reason_code"] = reason
        return vals

    @api.model
    def _oss_base_tags(self, company, kind):
        """Tags for the base of ``kind``: the seller country's return box, and the
        generic 'OSS' tag for destination VAT."""
        Tag = self.env["account.account.tag"].with_context(active_test=False)
        if kind == "oss":
            tag = self.env.ref(
                "oss_vat_invoice.account_tag_oss", raise_if_not_found=False
            )
            return tag or Tag
        country = company.account_fiscal_country_id
        code = RETURN_TAGS.get((country.code or "").upper(), {}).get(kind)
        if not code:
            return Tag
        return Tag.search(
            [
                ("applicability", "=", "taxes"),
                ("country_id", "=", country.id),
                ("name", "=", code),
            ],
            limit=1,
        )

    # ------------------------------------------------------------ dated rates
    def _oss_dated_sibling(self, rate):
        """The seller's own tax like ``self`` but at ``rate`` (e.g. LU '16% S', the
        2023 standard rate, for '17% S'): the chart's tax of that rate with the same
        scope and price mode (archived ones too: charts keep past rates archived),
        the one named like ``self`` first; else a copy of ``self`` at ``rate``, with
        the same accounts and return boxes, created once (key ``dated:<id>:<rate>``)."""
        self.ensure_one()
        rate = float_round(rate, 2)
        # sudo: like the decision's other taxes, found (archived ones included) or
        # created for whoever records the sale, who may not manage taxes.
        Tax = self.sudo().with_context(active_test=False)
        candidates = Tax.search(
            [
                ("company_id", "=", self.company_id.id),
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("amount", "=", rate),
                ("price_include", "=", self.price_include),
                ("tax_scope", "=", self.tax_scope),
                ("country_id", "=", self.country_id.id),
                ("oss_vat_key", "=", False),
                ("original_tax_ids", "=", False),
            ]
        )
        wanted = dated_tax_name(self.name, self.amount, rate)
        named = candidates.filtered(lambda t: t.name == wanted)
        if named or candidates:
            return (named or candidates)[:1].with_env(self.env)
        key = f"dated:{self.id}:{rate:g}"
        domain = [("company_id", "=", self.company_id.id), ("oss_vat_key", "=", key)]
        tax = Tax.search(domain, limit=1)
        if not tax:
            try:
                with self.env.cr.savepoint():
                    tax = Tax.browse(self.id).copy(
                        {
                            "name": wanted
                            or self.env._(
                                "%(name)s at %(rate)s%%",
                                name=self.name,
                                rate=f"{rate:g}",
                            ),
                            "amount": rate,
                            "oss_vat_key": key,
                            "active": True,
                        }
                    )
            except psycopg2.IntegrityError:
                tax = Tax.search(domain, limit=1)
        return tax.with_env(self.env)
