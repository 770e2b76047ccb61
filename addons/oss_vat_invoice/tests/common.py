# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
import unittest

from odoo import Command, fields
from odoo.tests import TransactionCase

from .. import vat_decision as vd

VAT_FR = "FR23334175221"
VAT_DE = "DE811907980"
VAT_IT = "IT00743110157"
VAT_XI = "XI980780684"


class OssVatCase(TransactionCase):
    """A company in its own member state (the template's, Luxembourg), products of
    every VAT category and customers in the places the decision table names."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The seller: a company whose fiscal country is a member state, with a chart
        # of accounts (the template database's Luxembourg company).
        company = cls.env["res.company"].search(
            [
                ("account_fiscal_country_id.code", "in", sorted(vd.EU_MEMBER_STATES)),
                ("chart_template", "!=", False),
            ],
            limit=1,
        )
        if not company:
            raise unittest.SkipTest(
                "no company in a member state with a chart of accounts"
            )
        cls.env.user.write(
            {"company_ids": [Command.link(company.id)], "company_id": company.id}
        )
        cls.env = cls.env(
            context=dict(
                cls.env.context, tracking_disable=True, allowed_company_ids=[company.id]
            )
        )
        cls.company = cls.env.company
        assert cls.company == company
        cls.company.write(
            {
                "oss_vat_enabled": True,
                "oss_threshold": 10000.0,
                "oss_opt_in": False,
                "oss_vies_pending_policy": "consumer",
            }
        )
        if "stock.warehouse" in cls.env and not cls.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        ):
            # sale_stock (when installed) needs one to confirm orders
            cls.env["stock.warehouse"].create(
                {"name": "OSS WH", "code": "OSSWH", "company_id": company.id}
            )
        cls.seller = cls.company._oss_seller_country()
        cls.today = fields.Date.context_today(cls.company)
        cls.categories = {c.code: c for c in cls.env["oss.vat.category"].search([])}
        cls.tax_by_rate = {}
        for rate in (17, 14, 8, 3):
            cls.tax_by_rate[rate] = cls._domestic_tax(rate)
        cls.products = {}
        for code, rate in (
            ("standard", 17),
            ("food", 3),
            ("books", 3),
            ("children_clothing", 3),
            ("medicines", 3),
            ("plants", 8),
            ("wine", 14),
        ):
            cls.products[code] = cls.env["product.product"].create(
                {
                    "name": f"OSS test {code}",
                    "type": "consu",
                    "list_price": 100.0,
                    "taxes_id": [Command.set(cls.tax_by_rate[rate].ids)],
                    "oss_vat_category_id": cls.categories[code].id,
                }
            )
        cls.country = {
            code: cls.env["res.country"].search([("code", "=", code)], limit=1)
            for code in (
                "LU",
                "FR",
                "DE",
                "IT",
                "ES",
                "FI",
                "EE",
                "US",
                "MC",
                "XI",
                "GB",
                "IE",
                "BE",
            )
        }
        Partner = cls.env["res.partner"].with_context(oss_vies_no_check=True)
        cls.partner_lu = Partner.create(
            {"name": "OSS LU consumer", "country_id": cls.country["LU"].id}
        )
        cls.partner_fr = Partner.create(
            {
                "name": "OSS FR consumer",
                "country_id": cls.country["FR"].id,
                "zip": "75001",
                "lang": "en_US",
            }
        )
        cls.partner_de = Partner.create(
            {"name": "OSS DE consumer", "country_id": cls.country["DE"].id}
        )
        cls.partner_us = Partner.create(
            {"name": "OSS US consumer", "country_id": cls.country["US"].id}
        )
        cls.partner_mc = Partner.create(
            {"name": "OSS MC consumer", "country_id": cls.country["MC"].id}
        )
        cls.partner_xi = Partner.create(
            {"name": "OSS NI consumer", "country_id": cls.country["XI"].id}
        )
        cls.partner_canary = Partner.create(
            {
                "name": "OSS Canary consumer",
                "country_id": cls.country["ES"].id,
                "zip": "35001",
            }
        )
        cls.partner_fr_b2b = Partner.create(
            {
                "name": "OSS FR business",
                "is_company": True,
                "country_id": cls.country["FR"].id,
                "vat": VAT_FR,
                "oss_vies_status": "valid",
                "oss_vies_vat": VAT_FR,
            }
        )
        cls.partner_de_b2b_pending = Partner.create(
            {
                "name": "OSS DE business pending",
                "is_company": True,
                "country_id": cls.country["DE"].id,
                "vat": VAT_DE,
                "oss_vies_status": "pending",
                "oss_vies_vat": VAT_DE,
            }
        )

    @classmethod
    def _domestic_tax(cls, rate):
        Tax = cls.env["account.tax"]
        tax = Tax.search(
            [
                ("company_id", "=", cls.company.id),
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("amount", "=", rate),
                ("oss_vat_key", "=", False),
                ("price_include", "=", False),
                ("country_id", "=", cls.company.account_fiscal_country_id.id),
            ],
            limit=1,
        )
        if not tax:
            tax = Tax.create(
                {
                    "name": f"OSS test domestic {rate}%",
                    "amount": rate,
                    "type_tax_use": "sale",
                    "company_id": cls.company.id,
                }
            )
        return tax

    def _invoice(self, partner, products, invoice_date=None, post=False, **extra):
        """Create a customer invoice, one line of 100 per product."""
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date or self.today,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": p.id, "quantity": 1, "price_unit": 100.0}
                    )
                    for p in products
                ],
                **extra,
            }
        )
        if post:
            move.action_post()
        return move

    def _past_distance_sales(self, amount, year=None):
        """Post a cross-border consumer invoice (seller's VAT, under the threshold)
        worth ``amount``."""
        day = datetime.date(year or self.today.year, 1, 15)
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner_de.id,
                "invoice_date": day,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.products["standard"].id,
                            "quantity": 1,
                            "price_unit": amount,
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def _user_company(self):
        return {
            "company_id": self.company.id,
            "company_ids": [Command.set(self.company.ids)],
        }
