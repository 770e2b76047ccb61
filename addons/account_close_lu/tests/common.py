# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
import unittest

from odoo import Command, fields
from odoo.tests import TransactionCase

VAT_FR = "FR23334175221"
VAT_DE = "DE811907980"


class LuCloseCase(TransactionCase):
    """A Luxembourg company on Odoo's LU chart, and one quarter of hand-checkable
    business: the fourth quarter of last year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].search(
            [("chart_template", "=", "lu")], limit=1
        )
        if not company:
            raise unittest.SkipTest("no company on the Luxembourg chart of accounts")
        cls.env.user.write(
            {"company_ids": [Command.link(company.id)], "company_id": company.id}
        )
        cls.env = cls.env(
            context=dict(
                cls.env.context, tracking_disable=True, allowed_company_ids=[company.id]
            )
        )
        cls.company = cls.env.company
        cls.company.write(
            {
                "oss_vat_enabled": True,
                "oss_opt_in": True,
                "oss_opt_in_date": datetime.date(2020, 1, 1),
            }
        )
        cls.year = fields.Date.context_today(cls.company).year - 1
        cls.q3 = datetime.date(cls.year, 8, 10)
        cls.q4 = datetime.date(cls.year, 11, 15)
        ChartTemplate = cls.env["account.chart.template"].with_company(cls.company)
        cls.tax = {
            xmlid: ChartTemplate.ref(xmlid)
            for xmlid in (
                "lu_2015_tax_VP-PA-17",
                "lu_2015_tax_VP-PA-8",
                "lu_2015_tax_AP-PA-17",
                "lu_2015_tax_AP-IC-17",
            )
        }
        categories = {c.code: c for c in cls.env["oss.vat.category"].search([])}
        cls.products = {}
        for code, tax in (
            ("standard", "lu_2015_tax_VP-PA-17"),
            ("plants", "lu_2015_tax_VP-PA-8"),
            ("food", "lu_2015_tax_VP-PA-17"),
            ("books", "lu_2015_tax_VP-PA-17"),
        ):
            cls.products[code] = cls.env["product.product"].create(
                {
                    "name": f"Close test {code}",
                    "type": "consu",
                    "taxes_id": [Command.set(cls.tax[tax].ids)],
                    "oss_vat_category_id": categories[code].id,
                }
            )
        country = {
            c.code: c
            for c in cls.env["res.country"].search(
                [("code", "in", ["LU", "FR", "DE", "US"])]
            )
        }
        Partner = cls.env["res.partner"].with_context(oss_vies_no_check=True)
        cls.partner_lu = Partner.create(
            {"name": "Close LU consumer", "country_id": country["LU"].id}
        )
        cls.partner_fr = Partner.create(
            {
                "name": "Close FR consumer",
                "country_id": country["FR"].id,
                "zip": "75001",
            }
        )
        cls.partner_de = Partner.create(
            {"name": "Close DE consumer", "country_id": country["DE"].id}
        )
        cls.partner_us = Partner.create(
            {"name": "Close US customer", "country_id": country["US"].id}
        )
        cls.partner_fr_b2b = Partner.create(
            {
                "name": "Close FR business",
                "is_company": True,
                "country_id": country["FR"].id,
                "vat": VAT_FR,
                "oss_vies_status": "valid",
                "oss_vies_vat": VAT_FR,
            }
        )
        cls.supplier_lu = Partner.create(
            {"name": "Close LU supplier", "country_id": country["LU"].id}
        )
        cls.supplier_de = Partner.create(
            {
                "name": "Close DE supplier",
                "is_company": True,
                "country_id": country["DE"].id,
                "vat": VAT_DE,
            }
        )
        cls.usd = cls.env.ref("base.USD")
        cls.usd.active = True
        cls.env["res.currency.rate"].search(
            [
                ("currency_id", "=", cls.usd.id),
                ("company_id", "in", [cls.company.id, False]),
            ]
        ).unlink()
        cls.env["res.currency.rate"].create(
            {
                "currency_id": cls.usd.id,
                "name": datetime.date(cls.year, 1, 1),
                "rate": 1.25,
                "company_id": cls.company.id,
            }
        )
        cls.expense_account = cls.env["account.account"].search(
            [
                ("company_ids", "in", cls.company.id),
                ("account_type", "=", "expense"),
            ],
            limit=1,
        )

    @classmethod
    def _sale(cls, partner, lines, day, currency=None, post=True):
        """A customer invoice with ``lines`` [(product code, quantity, price)]."""
        vals = {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_date": day,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": cls.products[code].id,
                        "quantity": quantity,
                        "price_unit": price,
                    }
                )
                for code, quantity, price in lines
            ],
        }
        if currency:
            vals["currency_id"] = currency.id
        move = cls.env["account.move"].create(vals)
        if post:
            move.action_post()
        return move

    @classmethod
    def _bill(cls, partner, tax, amount, day):
        move = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": partner.id,
                "invoice_date": day,
                "ref": f"BILL-{partner.name}",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Close test purchase",
                            "account_id": cls.expense_account.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.set(tax.ids)],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def _refund(cls, invoice, day, price):
        refund = invoice._reverse_moves([{"date": day, "invoice_date": day}])
        refund.invoice_line_ids.price_unit = price
        refund.action_post()
        return refund

    @classmethod
    def _make_q4(cls):
        """The fourth quarter, with the figures the tests check by hand:

        * domestic: 2 x 100 at 17 % (box 701 200, 702 34) and 50 at 8 % (705 50,
          706 4); a credit note of 40 at 17 % for a third-quarter invoice (701 -40,
          702 -6.80, a correction of Q3);
        * 300 to a French business with a VIES-valid number: box 457;
        * USD 400 to the United States at 1.25 USD per EUR: EUR 320 in box 014;
        * 100 to a French consumer under OSS (20 % FR VAT): no LU box;
        * a Luxembourg supplier's bill of 500 + 17 %: input VAT 85 (box 458);
        * a German supplier's bill of 1,000 under reverse charge (17 % IC S): base
          741 1,000, VAT due 742 170, deductible 461 170;
        * outside the quarter: a third-quarter sale of 100 and a draft in Q4.
        """
        cls._sale(cls.partner_lu, [("standard", 2, 100.0)], cls.q4)
        cls._sale(cls.partner_lu, [("plants", 1, 50.0)], cls.q4)
        q3_sale = cls._sale(cls.partner_lu, [("standard", 1, 100.0)], cls.q3)
        cls.refund = cls._refund(q3_sale, cls.q4, 40.0)
        cls.ic_sale = cls._sale(cls.partner_fr_b2b, [("standard", 1, 300.0)], cls.q4)
        cls.export_sale = cls._sale(
            cls.partner_us, [("standard", 1, 400.0)], cls.q4, currency=cls.usd
        )
        cls.oss_sale = cls._sale(cls.partner_fr, [("standard", 1, 100.0)], cls.q4)
        cls._bill(cls.supplier_lu, cls.tax["lu_2015_tax_AP-PA-17"], 500.0, cls.q4)
        cls._bill(cls.supplier_de, cls.tax["lu_2015_tax_AP-IC-17"], 1000.0, cls.q4)
        cls._sale(cls.partner_lu, [("standard", 1, 999.0)], cls.q4, post=False)
