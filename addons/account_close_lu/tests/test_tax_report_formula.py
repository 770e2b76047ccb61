# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.tests import BaseCase

from ..periods import period_bounds, period_label, period_of
from ..tax_report_formula import FormulaError, evaluate_all, parse, references


class TestTaxReportFormula(BaseCase):
    def test_parse_and_evaluate(self):
        values, missing = evaluate_all(
            {
                ("T", "balance"): "A.balance + B.balance - C.balance",
                ("U", "balance"): "-(T.balance - 2) * 1.5 / 3",
            },
            {("A", "balance"): 10.0, ("B", "balance"): 5.0, ("C", "balance"): 1.0},
        )
        self.assertEqual(values[("T", "balance")], 14.0)
        self.assertEqual(values[("U", "balance")], -6.0)
        self.assertEqual(missing, {})

    def test_order_independent_and_missing_boxes_reported(self):
        values, missing = evaluate_all(
            {
                ("TOP", "balance"): "MID.balance + X.balance",
                ("MID", "balance"): "EXT.balance + Y.balance",
            },
            {("X", "balance"): 1.0, ("Y", "balance"): 2.0},
            unknown=[("EXT", "balance")],
        )
        self.assertEqual(values[("TOP", "balance")], 3.0)
        self.assertEqual(missing[("TOP", "balance")], ["EXT"])
        self.assertEqual(missing[("MID", "balance")], ["EXT"])

    def test_unknown_reference_counts_as_zero(self):
        values, _missing = evaluate_all({("T", "balance"): "Z.balance + 1"}, {})
        self.assertEqual(values[("T", "balance")], 1.0)

    def test_no_code_execution(self):
        for bad in (
            "__import__('os').system('true')",
            "A.balance; B.balance",
            "A.balance +",
            "(A.balance",
            "A.balance B.balance",
            "",
        ):
            with self.assertRaises(FormulaError, msg=bad):
                parse(bad)

    def test_cycle_is_an_error(self):
        with self.assertRaises(FormulaError):
            evaluate_all(
                {("A", "balance"): "B.balance", ("B", "balance"): "A.balance + 1"}, {}
            )

    def test_references(self):
        self.assertEqual(
            references(parse("LUTAX_454.balance + LUTAX_455.balance * 2")),
            {("LUTAX_454", "balance"), ("LUTAX_455", "balance")},
        )

    def test_periods(self):
        import datetime

        self.assertEqual(
            period_bounds("quarter", 2025, 4),
            (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)),
        )
        self.assertEqual(
            period_bounds("month", 2024, 2),
            (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        )
        self.assertEqual(
            period_bounds("year", 2025),
            (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
        )
        self.assertEqual(period_of("quarter", datetime.date(2025, 8, 10)), (2025, 3))
        self.assertEqual(period_label("quarter", 2025, 3), "2025-Q3")
        self.assertEqual(period_label("month", 2025, 3), "2025-03")
        with self.assertRaises(ValueError):
            period_bounds("quarter", 2025, 5)
