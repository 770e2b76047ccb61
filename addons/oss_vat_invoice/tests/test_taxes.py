# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from .. import vat_decision as vd
from ..tax_codes import dated_tax_name
from .common import OssVatCase


@tagged("post_install", "-at_install")
class TestDatedDomesticRates(OssVatCase):
    """The rate table is dated for the seller's own country too."""

    def test_domestic_invoice_of_2023_takes_that_years_rates(self):
        move = self._invoice(
            self.partner_lu,
            self.products["standard"]
            | self.products["wine"]
            | self.products["plants"]
            | self.products["food"],
            invoice_date=datetime.date(2023, 6, 15),
            post=True,
        )
        self.assertEqual(move.oss_vat_rule, vd.DOMESTIC)
        rates = {
            line.product_id.oss_vat_category_id.code: line.tax_ids.amount
            for line in move.invoice_line_ids
        }
        # LU's temporary rates of 2023: 16 / 13 / 7, and 3 % unchanged
        self.assertEqual(
            rates, {"standard": 16.0, "wine": 13.0, "plants": 7.0, "food": 3.0}
        )
        self.assertAlmostEqual(move.amount_tax, 16.0 + 13.0 + 7.0 + 3.0)
        # the chart's own tax of that rate when it has one (l10n_lu: '16% S'), so
        # that the sale lands in the right box of the return
        standard_tax = move.invoice_line_ids[0].tax_ids
        sibling = dated_tax_name(self.tax_by_rate[17].name, 17, 16)
        if (
            self.env["account.tax"]
            .with_context(active_test=False)
            .search_count(
                [("company_id", "=", self.company.id), ("name", "=", sibling)]
            )
        ):
            self.assertEqual(standard_tax.name, sibling)

    def test_domestic_invoice_of_today_keeps_the_product_tax(self):
        move = self._invoice(
            self.partner_lu,
            self.products["standard"],
            invoice_date=datetime.date(2024, 3, 1),
        )
        self.assertEqual(move.invoice_line_ids.tax_ids, self.tax_by_rate[17])

    def test_distance_sale_under_threshold_of_2023(self):
        """A cross-border consumer sale under the threshold is taxed as a domestic
        one: with the seller's rate of that date."""
        move = self._invoice(
            self.partner_fr,
            self.products["standard"],
            invoice_date=datetime.date(2023, 2, 1),
        )
        self.assertEqual(move.oss_vat_rule, vd.DISTANCE_LOCAL)
        self.assertEqual(move.invoice_line_ids.tax_ids.amount, 16.0)

    def test_exempt_product_tax_is_not_dated(self):
        zero = self.env["account.tax"].create(
            {
                "name": "OSS test 0% exempt",
                "amount": 0.0,
                "type_tax_use": "sale",
                "company_id": self.company.id,
            }
        )
        product = self.env["product.product"].create(
            {
                "name": "OSS test exempt",
                "type": "consu",
                "taxes_id": [(6, 0, zero.ids)],
                "oss_vat_category_id": self.categories["standard"].id,
            }
        )
        move = self._invoice(
            self.partner_lu, product, invoice_date=datetime.date(2023, 6, 15)
        )
        self.assertEqual(move.invoice_line_ids.tax_ids, zero)


@tagged("post_install", "-at_install")
class TestConcurrentCreation(OssVatCase):
    """Two transactions can both miss a tax group or the OSS account and create it:
    the second one must read the first one's record, not fail or duplicate."""

    def _created_meanwhile(self, model):
        """Patch ``model.search`` to miss once, as in a transaction that searched
        before a concurrent one committed its record."""
        original = type(model).search
        calls = {"n": 0}

        def search(recs, domain, *args, **kwargs):
            if (
                any(
                    isinstance(term, (list, tuple)) and term[0] == "oss_vat_key"
                    for term in domain
                )
                and not calls["n"]
            ):
                calls["n"] += 1
                return recs.browse()
            return original(recs, domain, *args, **kwargs)

        return patch.object(type(model), "search", search)

    def test_tax_group_created_meanwhile(self):
        Group = self.env["account.tax.group"]
        first = Group._oss_get_or_create(self.company, "20% FR VAT", "oss_group:FR:20")
        with (
            self._created_meanwhile(Group),
            mute_logger("odoo.sql_db"),
        ):
            second = Group._oss_get_or_create(
                self.company, "20% FR VAT", "oss_group:FR:20"
            )
        self.assertEqual(second, first)
        self.assertEqual(
            Group.search_count(
                [
                    ("company_id", "=", self.company.id),
                    ("oss_vat_key", "=", "oss_group:FR:20"),
                ]
            ),
            1,
        )
        # the transaction goes on
        self.assertTrue(self.env["account.tax"].search_count([]))

    def test_oss_account_created_meanwhile(self):
        Account = self.env["account.account"]
        first = Account._oss_get_or_create(self.company)
        with (
            self._created_meanwhile(Account),
            mute_logger("odoo.sql_db"),
        ):
            second = Account._oss_get_or_create(self.company)
        self.assertEqual(second, first)
        self.assertEqual(
            Account.search_count(
                [("company_ids", "in", self.company.id), ("oss_vat_account", "=", True)]
            ),
            1,
        )
