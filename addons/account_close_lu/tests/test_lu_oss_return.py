# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LuCloseCase


@tagged("post_install", "-at_install")
class TestLuOssReturn(LuCloseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Q4: FR 100 standard (20 %) + 100 food (5.5 %), DE 100 books (7 %), a
        # credit note of 40 for a Q3 FR sale; a domestic sale and an
        # intra-Community supply that are not OSS.
        cls._sale(cls.partner_fr, [("standard", 1, 100.0), ("food", 1, 100.0)], cls.q4)
        cls._sale(cls.partner_de, [("books", 1, 100.0)], cls.q4)
        q3_sale = cls._sale(cls.partner_fr, [("standard", 1, 100.0)], cls.q3)
        cls._refund(q3_sale, cls.q4, 40.0)
        cls._sale(cls.partner_lu, [("standard", 1, 100.0)], cls.q4)
        cls._sale(cls.partner_fr_b2b, [("standard", 1, 100.0)], cls.q4)

    def _compute(self, quarter="4"):
        wizard = self.env["lu.oss.return"].create(
            {"year": self.year, "quarter": quarter}
        )
        wizard.action_compute()
        return wizard

    def test_portal_layout_and_corrections(self):
        wizard = self._compute()
        rows = {
            (
                line.section,
                line.corrected_period or "",
                line.country_id.code,
                line.supply_type or "",
                line.rate_type or "",
                line.rate,
            ): (line.base, line.vat)
            for line in wizard.line_ids
        }
        q3 = f"{self.year}-Q3"
        self.assertEqual(
            rows,
            {
                ("supplies", "", "FR", "goods", "standard", 20.0): (100.0, 20.0),
                ("supplies", "", "FR", "goods", "reduced", 5.5): (100.0, 5.5),
                ("supplies", "", "DE", "goods", "reduced", 7.0): (100.0, 7.0),
                ("correction", q3, "FR", "", "", 0.0): (-40.0, -8.0),
            },
        )
        self.assertEqual((wizard.total_base, wizard.total_vat), (260.0, 24.5))
        self.assertTrue(wizard.check_ok)
        self.assertEqual((wizard.tagged_base, wizard.tagged_vat), (260.0, 24.5))
        text = base64.b64decode(wizard.csv_file).decode("utf-8-sig")
        self.assertIn(
            f"{self.year}-Q4;supplies;FR;goods;standard;20.00;100.00;20.00;;EUR", text
        )
        self.assertIn(f"{self.year}-Q4;correction;FR;;;;-40.00;-8.00;{q3};EUR", text)

    def test_check_flags_tagged_items_outside_the_return(self):
        """A journal entry carrying the OSS tag without an OSS tax: the return and the
        tagged items disagree, and the form says so."""
        tag = self.env.ref("oss_vat_invoice.account_tag_oss")
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "general")], limit=1
        )
        receivable = self.env["account.account"].search(
            [
                ("company_ids", "in", self.company.id),
                ("account_type", "=", "asset_receivable"),
            ],
            limit=1,
        )
        income = self.env["account.account"].search(
            [
                ("company_ids", "in", self.company.id),
                ("account_type", "=", "income"),
            ],
            limit=1,
        )
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": self.q4,
                "line_ids": [
                    Command.create(
                        {"account_id": receivable.id, "debit": 10.0, "credit": 0.0}
                    ),
                    Command.create(
                        {
                            "account_id": income.id,
                            "debit": 0.0,
                            "credit": 10.0,
                            "tax_tag_ids": [Command.set(tag.ids)],
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        wizard = self._compute()
        self.assertEqual(wizard.total_base, 260.0)
        self.assertEqual(wizard.tagged_base, 270.0)
        self.assertFalse(wizard.check_ok)

    def test_other_quarter_is_empty(self):
        wizard = self._compute("2")
        self.assertFalse(wizard.line_ids)
        self.assertTrue(wizard.check_ok)

    def test_only_accountants(self):
        user = new_test_user(
            self.env,
            login="close_oss_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        with self.assertRaises(AccessError):
            self.env["lu.oss.return"].with_user(user).create(
                {"year": self.year, "quarter": "4"}
            )
