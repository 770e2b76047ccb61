# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import RmaCommon


@tagged("post_install", "-at_install")
class TestRefundVat(RmaCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_rma()

    def _refund_of(self, order):
        rma = self._rma_for(order)
        self._receive(rma)
        self.assertEqual(rma.state, "received")
        rma.action_refund()
        self.assertEqual(rma.state, "refunded")
        return rma.refund_id

    def _draft_invoice_today(self):
        return self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "quantity": 1, "price_unit": 20}
                    )
                ],
            }
        )

    def assertSameVat(self, refund, invoice):
        self.assertEqual(refund.reversed_entry_id, invoice)
        self.assertEqual(refund.oss_vat_rule, invoice.oss_vat_rule)
        self.assertEqual(refund.oss_vat_country_id, invoice.oss_vat_country_id)
        self.assertEqual(refund.fiscal_position_id, invoice.fiscal_position_id)
        self.assertEqual(
            refund.invoice_line_ids.tax_ids, invoice.invoice_line_ids.tax_ids
        )
        self.assertEqual(refund._oss_legal_mention(), invoice._oss_legal_mention())

    def test_threshold_crossed_since_the_invoice(self):
        order = self._delivered_order(self.customer)
        invoice = self._invoice(order, self.last_year_q2)
        self.assertEqual(invoice.oss_vat_rule, "distance_local")
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax17)
        # Since then the company crossed the EUR 10,000 threshold: a sale to the
        # same customer today takes French VAT ...
        self.company.oss_threshold = 1
        today_invoice = self._draft_invoice_today()
        self.assertEqual(today_invoice.oss_vat_rule, "oss")
        # ... but the credit note of the old invoice keeps Luxembourg VAT.
        refund = self._refund_of(order)
        self.assertSameVat(refund, invoice)
        refund.action_post()
        self.assertSameVat(refund, invoice)
        self.assertAlmostEqual(refund.amount_tax, invoice.amount_tax / 2)

    def test_rate_changed_since_the_invoice_and_oss_return_correction(self):
        self.company.write(
            {"oss_opt_in": True, "oss_opt_in_date": datetime.date(2020, 1, 1)}
        )
        order = self._delivered_order(self.customer)
        invoice = self._invoice(order, self.last_year_q2)
        self.assertEqual(invoice.oss_vat_rule, "oss")
        old_rate = invoice.invoice_line_ids.tax_ids.amount
        self.assertAlmostEqual(old_rate, 20.0)
        # France raises its standard rate from the first of this month.
        start = self.today.replace(day=1)
        Rate = self.env["oss.vat.rate"]
        rows = Rate.search(
            [
                ("country_id", "=", self.france.id),
                ("category_id.code", "=", "standard"),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", start),
            ]
        )
        rows.write({"date_to": start - datetime.timedelta(days=1)})
        Rate.create(
            {
                "country_id": self.france.id,
                "category_id": rows[:1].category_id.id,
                "rate": 25.0,
                "date_from": start,
            }
        )
        self.assertAlmostEqual(
            self._draft_invoice_today().invoice_line_ids.tax_ids.amount, 25.0
        )
        refund = self._refund_of(order)
        refund.action_post()
        self.assertSameVat(refund, invoice)
        self.assertAlmostEqual(refund.invoice_line_ids.tax_ids.amount, 20.0)
        # The OSS return of the refund's quarter declares it as a correction of
        # the invoice's quarter, for France.
        wizard = self.env["lu.oss.return"].create(
            {"year": self.today.year, "quarter": str((self.today.month - 1) // 3 + 1)}
        )
        wizard.action_compute()
        corrections = wizard.line_ids.filtered(
            lambda line: line.section == "correction"
        )
        self.assertEqual(len(corrections), 1)
        self.assertEqual(corrections.country_id, self.france)
        self.assertIn(f"{self.last_year_q2.year}", corrections.corrected_period)
        self.assertIn("Q2", corrections.corrected_period)
        self.assertAlmostEqual(corrections.base, -20.0)
        self.assertAlmostEqual(corrections.vat, -4.0)
