# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import LuCloseCase


@tagged("post_install", "-at_install")
class TestLuVatReturn(LuCloseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_q4()
        cls.accountant = new_test_user(
            cls.env,
            login="close_accountant",
            groups="account.group_account_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def _return(self, user=None, **vals):
        env = self.env(user=user) if user else self.env
        form = Form(env["lu.vat.return"])
        form.year = self.year
        form.periodicity = vals.get("periodicity", "quarter")
        if form.periodicity == "quarter":
            form.quarter = vals.get("quarter", "4")
        elif form.periodicity == "month":
            form.month = vals.get("month", "11")
        wizard = form.save()
        wizard.action_compute()
        return wizard

    def _boxes(self, wizard):
        return {line.box: line for line in wizard.line_ids if line.box}

    def test_q4_boxes_equal_hand_computed_figures(self):
        wizard = self._return(user=self.accountant)
        self.assertEqual(wizard.period_label, f"{self.year}-Q4")
        boxes = self._boxes(wizard)
        expected = {
            # Section I: turnover
            "457": 300.0,  # intra-Community supply of goods
            "014": 320.0,  # export, USD 400 at 1.25
            "021": 620.0,  # exemptions: 457 + 014 (481, 482 not computed)
            "022": 210.0,  # taxable turnover = 037
            "472": 830.0,  # 021 + 022
            "012": 830.0,  # overall turnover
            # Section II: domestic supplies by rate, VAT due
            "701": 160.0,  # 200 - 40 credit note
            "702": 27.2,  # 34 - 6.80
            "705": 50.0,
            "706": 4.0,
            "037": 210.0,
            "046": 31.2,
            # reverse charge on services from another member state
            "741": 1000.0,
            "742": 170.0,
            "436": 1000.0,
            "410": 170.0,
            "076": 201.2,  # total tax due: 046 + 410
            # Sections III/IV: input VAT and balance
            "458": 85.0,
            "461": 170.0,
            "093": 255.0,
            "102": 255.0,
            "103": 201.2,
            "105": -53.8,  # 103 - 102: VAT credit
            "226": 0.0,
            "423": 0.0,
        }
        got = {box: boxes[box].amount for box in expected}
        self.assertEqual(got, expected)
        self.assertEqual(boxes["457"].kind, "tags")
        self.assertEqual(boxes["021"].kind, "aggregation")
        self.assertIn("481", boxes["021"].note)
        self.assertEqual(boxes["481"].kind, "not_computed")
        self.assertIn("Not computed here", boxes["481"].note)
        # OSS sales stand apart, in no box, with the reason
        oss = wizard.line_ids.filtered(lambda line: line.kind == "oss")
        self.assertEqual(oss.amount, 100.0)
        self.assertFalse(oss.box)
        self.assertIn("not sourced", oss.note)

    def test_correction_of_an_earlier_period_appears_as_such(self):
        wizard = self._return()
        corrections = {
            (c.corrected_period, c.box): c.amount for c in wizard.correction_ids
        }
        self.assertEqual(
            corrections,
            {(f"{self.year}-Q3", "701"): -40.0, (f"{self.year}-Q3", "702"): -6.8},
        )
        q3 = self._return(quarter="3")
        self.assertEqual(self._boxes(q3)["701"].amount, 100.0)
        self.assertFalse(q3.correction_ids)

    def test_month_and_year(self):
        november = self._return(periodicity="month", month="11")
        self.assertEqual(self._boxes(november)["701"].amount, 160.0)
        october = self._return(periodicity="month", month="10")
        self.assertEqual(self._boxes(october)["701"].amount, 0.0)
        year = self._return(periodicity="year")
        self.assertEqual(year.period_label, str(self.year))
        # Q3 sale of 100 and the Q4 net 160: within one year nothing is a correction
        self.assertEqual(self._boxes(year)["701"].amount, 260.0)
        self.assertFalse(year.correction_ids)

    def test_drill_down_lists_the_items_of_the_box(self):
        wizard = self._return()
        boxes = self._boxes(wizard)
        action = boxes["457"].action_open_items()
        items = self.env["account.move.line"].search(action["domain"])
        self.assertEqual(items.move_id, self.ic_sale)
        self.assertEqual(-sum(items.mapped("balance")), boxes["457"].amount)
        action = boxes["701"].action_open_items()
        items = self.env["account.move.line"].search(action["domain"])
        self.assertEqual(-sum(items.mapped("balance")), 160.0)
        self.assertIn(self.refund, items.move_id)
        oss = wizard.line_ids.filtered(lambda line: line.kind == "oss")
        items = self.env["account.move.line"].search(oss.action_open_items()["domain"])
        self.assertEqual(items.move_id, self.oss_sale)

    def test_csv(self):
        wizard = self._return()
        text = base64.b64decode(wizard.csv_file).decode("utf-8-sig")
        lines = text.splitlines()
        self.assertEqual(
            lines[0],
            "period;section;box;label;amount;currency;corrected_period;note",
        )
        self.assertTrue(
            any(line.startswith(f"{self.year}-Q4;return;457;") for line in lines)
        )
        self.assertIn(f"{self.year}-Q4;correction;701;", text)
        self.assertIn(f";-40.00;EUR;{self.year}-Q3;", text)

    def test_labels_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["l10n_lu"], ["fr_FR"])
        wizard = self._return().with_context(lang="fr_FR")
        wizard.action_compute()
        self.assertIn("Exportations", self._boxes(wizard)["014"].name)

    def test_only_accountants(self):
        for groups in (
            "sales_team.group_sale_salesman",
            "account.group_account_invoice",
            "base.group_user",
        ):
            user = new_test_user(
                self.env,
                login=f"close_{groups}",
                groups=groups,
                company_id=self.company.id,
                company_ids=[self.company.id],
            )
            with self.assertRaises(AccessError, msg=groups):
                self.env["lu.vat.return"].with_user(user).create({"year": self.year})

    def test_posted_entries_untouched(self):
        moves = self.env["account.move"].search([("state", "=", "posted")])
        before = {m.id: (m.write_date, m.amount_total_signed) for m in moves}
        self._return(user=self.accountant)
        moves.invalidate_recordset()
        self.assertEqual(
            {m.id: (m.write_date, m.amount_total_signed) for m in moves}, before
        )
