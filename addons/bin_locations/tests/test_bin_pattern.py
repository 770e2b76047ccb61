# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests.common import BaseCase

from ..bin_pattern import BinPatternError, expand_range, generate_bin_names


class TestBinPattern(BaseCase):
    def test_expand_ranges(self):
        self.assertEqual(expand_range("A-C"), ["A", "B", "C"])
        self.assertEqual(expand_range("1-3,7"), ["1", "2", "3", "7"])
        self.assertEqual(expand_range("8-10", pad=2), ["08", "09", "10"])
        self.assertEqual(expand_range("AA, AB ,AA"), ["AA", "AB"])
        self.assertEqual(expand_range(""), [])

    def test_bad_ranges(self):
        for spec in ("C-A", "5-1", "A-3", "A B", "a-Z"):
            with self.subTest(spec=spec), self.assertRaises(BinPatternError):
                expand_range(spec)

    def test_generate_names(self):
        names = generate_bin_names("A-C", "1-12", "1-4")
        self.assertEqual(len(names), 3 * 12 * 4)
        self.assertEqual(names[:2], ["A-01-1", "A-01-2"])
        self.assertEqual(names[-1], "C-12-4")
        self.assertEqual(
            generate_bin_names("A", "1-2", "", separator="."), ["A.01", "A.02"]
        )

    def test_generate_limits(self):
        with self.assertRaises(BinPatternError):
            generate_bin_names("", "1-3")
        with self.assertRaises(BinPatternError):
            generate_bin_names("A-Z", "1-99", "1-9")
