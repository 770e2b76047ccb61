# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .. import vat_decision as vd
from .common import OssVatCase


@tagged("post_install", "-at_install")
class TestThreshold(OssVatCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The company's own distance sales of this year and the last (a demo
        # seller's, say) count towards its threshold: the tests give it 10,000 of
        # room past those of this year, and add theirs to them.
        cls.before, cls.before_previous = cls.company._oss_distance_sales(
            cls.today.year
        )
        cls.company.oss_threshold = 10000.0 + cls.before

    def test_running_totals_and_state(self):
        self.assertEqual(self.company.oss_threshold_state, "below")
        past = self._past_distance_sales(8500.0)
        self.company.invalidate_recordset(
            ["oss_threshold_current", "oss_threshold_state"]
        )
        self.assertEqual(self.company.oss_threshold_current, self.before + 8500.0)
        self.assertEqual(self.company.oss_threshold_state, "near")
        # domestic and B2B sales do not count
        self._invoice(self.partner_lu, self.products["standard"], post=True)
        self._invoice(self.partner_fr_b2b, self.products["standard"], post=True)
        current, previous = self.company._oss_distance_sales(self.today.year)
        self.assertEqual(
            (current, previous), (self.before + 8500.0, self.before_previous)
        )
        # the invoices being posted are left out when asked
        self.assertEqual(
            self.company._oss_distance_sales(
                self.today.year, exclude_move_ids=past.ids
            ),
            (self.before, self.before_previous),
        )

    def test_crossing_sale_takes_destination_vat(self):
        self._past_distance_sales(9950.0)
        move = self._invoice(self.partner_fr, self.products["standard"])
        self.assertEqual(
            move.oss_vat_rule, vd.DISTANCE_LOCAL, "the draft does not cross yet"
        )
        self.assertEqual(move.invoice_line_ids.tax_ids, self.tax_by_rate[17])
        self.assertTrue(move.oss_threshold_warning)
        move.action_post()
        self.assertEqual(
            move.oss_vat_rule,
            vd.OSS,
            "the sale that crosses it is already taxed at destination",
        )
        self.assertEqual(move.invoice_line_ids.tax_ids.amount, 20.0)
        self.assertEqual(move.amount_tax, 20.0)
        self.assertIn("Row 5", move.oss_vat_note)
        following = self._invoice(self.partner_de, self.products["food"])
        self.assertEqual(following.oss_vat_rule, vd.OSS)
        self.assertEqual(following.invoice_line_ids.tax_ids.amount, 7.0)

    def test_batch_posting_crosses_in_order(self):
        first = self._invoice(
            self.partner_fr, self.products["standard"], invoice_date=self.today
        )
        first.invoice_line_ids.price_unit = 6000.0
        second = self._invoice(
            self.partner_de, self.products["standard"], invoice_date=self.today
        )
        second.invoice_line_ids.price_unit = 6000.0
        (first | second).action_post()
        self.assertEqual(first.oss_vat_rule, vd.DISTANCE_LOCAL)
        self.assertEqual(second.oss_vat_rule, vd.OSS)
        self.assertEqual(second.invoice_line_ids.tax_ids.amount, 19.0)

    def test_last_year_over_threshold(self):
        self._past_distance_sales(
            self.company.oss_threshold + 2000.0, year=self.today.year - 1
        )
        move = self._invoice(self.partner_fr, self.products["standard"])
        self.assertEqual(move.oss_vat_rule, vd.OSS)

    def test_credit_notes_reduce_the_total(self):
        invoice = self._past_distance_sales(9000.0)
        refund = invoice._reverse_moves()
        refund.action_post()
        self.assertEqual(
            self.company._oss_distance_sales(self.today.year)[0], self.before
        )

    def test_opt_in_binding_two_years(self):
        self.company.oss_opt_in = True
        self.assertEqual(self.company.oss_opt_in_date, self.today)
        move = self._invoice(self.partner_fr, self.products["standard"])
        self.assertEqual(move.oss_vat_rule, vd.OSS)
        self.assertIn("opted", move.oss_vat_note)
        with self.assertRaisesRegex(UserError, "binds until"):
            self.company.oss_opt_in = False
        self.company.oss_opt_in_date = datetime.date(self.today.year - 2, 6, 1)
        self.company.oss_opt_in = False
        self.assertFalse(self.company.oss_opt_in)

    def test_settings_show_totals(self):
        self._past_distance_sales(10500.0)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.oss_threshold_current, self.before + 10500.0)
        self.assertEqual(settings.oss_threshold_state, "exceeded")
        settings.oss_vies_pending_policy = "hold"
        settings.execute()
        self.assertEqual(self.company.oss_vies_pending_policy, "hold")
