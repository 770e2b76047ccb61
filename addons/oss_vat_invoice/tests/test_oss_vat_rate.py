# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import OssVatCase

D = datetime.date.fromisoformat


@tagged("post_install", "-at_install")
class TestOssVatRate(OssVatCase):
    def _rate(self, code, category, day):
        country = self.env["res.country"].search([("code", "=", code)])
        return self.env["oss.vat.rate"]._get_rate(
            country, self.categories[category], D(day)
        )

    def test_seeded_table_by_date(self):
        self.assertEqual(self._rate("FR", "food", "2026-05-01"), 5.5)
        self.assertEqual(self._rate("EE", "standard", "2025-06-30"), 22)
        self.assertEqual(self._rate("EE", "standard", "2025-07-01"), 24)
        self.assertEqual(self._rate("FI", "standard", "2024-08-31"), 24)
        self.assertEqual(self._rate("FI", "standard", "2024-09-01"), 25.5)
        self.assertEqual(self._rate("LU", "standard", "2023-03-01"), 16)
        package_rows = self.env["oss.vat.rate"].search([("source", "=", "package")])
        self.assertEqual(
            set(package_rows.mapped("category_id.code")),
            {"standard"},
            "only standard rates come from the package",
        )

    def test_seed_is_idempotent(self):
        self.assertFalse(self.env["oss.vat.rate"]._seed_from_package())

    def test_overlap_refused(self):
        fr = self.country["FR"]
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            self.env["oss.vat.rate"].create(
                {
                    "country_id": fr.id,
                    "category_id": self.categories["food"].id,
                    "rate": 7,
                    "date_from": "2026-01-01",
                }
            )

    def test_accountant_edits_rate_and_decision_follows(self):
        """A law change entered by the accountant applies to invoices from its date."""
        self.company.oss_opt_in = True
        current = self.env["oss.vat.rate"].search(
            [
                ("country_id", "=", self.country["FR"].id),
                ("category_id.code", "=", "food"),
                ("date_to", "=", False),
            ]
        )
        change = self.today + datetime.timedelta(days=10)
        current.date_to = change - datetime.timedelta(days=1)
        self.env["oss.vat.rate"].create(
            {
                "country_id": self.country["FR"].id,
                "category_id": self.categories["food"].id,
                "rate": 7.0,
                "date_from": change,
            }
        )
        before = self._invoice(
            self.partner_fr, self.products["food"], invoice_date=self.today
        )
        after = self._invoice(
            self.partner_fr, self.products["food"], invoice_date=change
        )
        self.assertEqual(before.invoice_line_ids.tax_ids.amount, 5.5)
        self.assertEqual(after.invoice_line_ids.tax_ids.amount, 7.0)

    def test_missing_rate_names_the_gap(self):
        self.company.oss_opt_in = True
        self.env["oss.vat.rate"].search(
            [("country_id", "=", self.country["FR"].id)]
        ).unlink()
        with self.assertRaisesRegex(Exception, "No VAT rate for"):
            self._invoice(self.partner_fr, self.products["standard"])

    def test_cross_check_action(self):
        action = self.env["oss.vat.rate"].action_cross_check()
        self.assertEqual(
            action["params"]["type"], "success", action["params"]["message"]
        )
        row = self.env["oss.vat.rate"].search(
            [
                ("country_id.code", "=", "DE"),
                ("category_id.code", "=", "standard"),
                ("date_to", "=", False),
            ]
        )
        row.rate = 18.0
        action = self.env["oss.vat.rate"].action_cross_check()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("DE", action["params"]["message"])

    def test_category_default_from_product_category(self):
        parent = self.env["product.category"].create(
            {"name": "OSS Books", "oss_vat_category_id": self.categories["books"].id}
        )
        child = self.env["product.category"].create(
            {"name": "OSS Novels", "parent_id": parent.id}
        )
        product = self.env["product.template"].create(
            {"name": "OSS novel", "categ_id": child.id}
        )
        self.assertEqual(product.oss_vat_category_id, self.categories["books"])
        own = self.env["product.template"].create(
            {
                "name": "OSS map",
                "categ_id": child.id,
                "oss_vat_category_id": self.categories["standard"].id,
            }
        )
        self.assertEqual(
            own.oss_vat_category_id,
            self.categories["standard"],
            "a product's own category wins",
        )

    def test_category_guessed_from_domestic_rate(self):
        """Without a category, the domestic rate picks the first matching category."""
        guess = self.env["oss.vat.category"]._oss_guess
        self.assertEqual(guess(self.seller, 17.0).code, "standard")
        self.assertEqual(guess(self.seller, 14.0).code, "wine")
        self.assertEqual(guess(self.seller, 8.0).code, "plants")
        self.assertEqual(guess(self.seller, 3.0).code, "food")
        self.assertEqual(guess(self.seller, 99.0).code, "standard")
        self.company.oss_opt_in = True
        product = self.env["product.product"].create(
            {
                "name": "OSS uncategorised",
                "taxes_id": [Command.set(self.tax_by_rate[14].ids)],
                "oss_vat_category_id": False,
            }
        )
        move = self._invoice(self.partner_fr, product)
        self.assertEqual(
            move.invoice_line_ids.tax_ids.amount, 20.0, "LU 14 % (wine) is FR 20 %"
        )

    def test_access_by_role(self):
        warehouse = new_test_user(
            self.env, login="oss_wh", groups="base.group_user", **self._user_company()
        )
        # Rates are published law, read by any employee (a warehouse user opening
        # a product's VAT category reads them); only accountants change them.
        wh_rate = self.env["oss.vat.rate"].with_user(warehouse).search([], limit=1)
        self.assertTrue(wh_rate.read(["rate"]))
        with self.assertRaises(AccessError):
            wh_rate.write({"rate": 1.0})
        salesman = new_test_user(
            self.env,
            login="oss_sm",
            groups="sales_team.group_sale_salesman",
            **self._user_company(),
        )
        rate = self.env["oss.vat.rate"].with_user(salesman).search([], limit=1)
        self.assertTrue(rate.rate >= 0)
        with self.assertRaises(AccessError):
            rate.write({"rate": 1.0})
        accountant = new_test_user(
            self.env,
            login="oss_acc",
            groups="account.group_account_manager",
            **self._user_company(),
        )
        self.env["oss.vat.rate"].with_user(accountant).search([], limit=1).write(
            {"note": "checked"}
        )
