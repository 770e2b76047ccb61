# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""GTIN normalisation on its own, without the ORM."""

from odoo.tests import BaseCase, tagged

from ..gtin import normalize


@tagged("post_install", "-at_install")
class TestNormalize(BaseCase):
    # Textbook examples (Wikipedia's EAN-8, UPC-A, EAN-13 and ITF-14 articles).
    def test_every_length_and_notation_gives_one_gtin14(self):
        cases = {
            # GTIN-8
            "96385074": "00000096385074",
            "00000096385074": "00000096385074",
            # UPC-A (GTIN-12), also as a 13-digit EAN and with the zero dropped
            "036000291452": "00036000291452",
            "0036000291452": "00036000291452",
            "36000291452": "00036000291452",
            # EAN-13 (GTIN-13)
            "4006381333931": "04006381333931",
            "04006381333931": "04006381333931",
            # GTIN-14 (case of a trade item, ITF-14)
            "15400141288763": "15400141288763",
        }
        for code, gtin in cases.items():
            with self.subTest(code=code):
                self.assertEqual(normalize(code), gtin)

    def test_layout_characters_are_ignored(self):
        self.assertEqual(normalize(" 4006381333931\n"), "04006381333931")
        self.assertEqual(normalize("4 006381 333931"), "04006381333931")
        self.assertEqual(normalize("9638-5074"), "00000096385074")
        # Full-width digits (an East Asian keyboard layout) are digits to stdnum.
        self.assertEqual(normalize("４００６３８１３３３９３１"), "04006381333931")

    def test_gs1_element_strings(self):
        for code in (
            "(01)04006381333931",
            "(01)04006381333931(17)271231(10)LOT7",
            "(17)271231(01)04006381333931",
            "0104006381333931",
            "010400638133393117271231\x1d10LOT7",
            "]d20104006381333931\x1d10LOT7",
            "]C10104006381333931",
            # a malformed date after AI 01 does not hide the GTIN
            "0104006381333931179913011",
        ):
            with self.subTest(code=code):
                self.assertEqual(normalize(code), "04006381333931")
        self.assertIsNone(normalize("(01)04006381333932"))
        self.assertIsNone(normalize("(10)LOT7"))

    def test_not_gtins(self):
        for code in (
            None,
            "",
            "   ",
            4006381333931,  # an int is not a scanned code
            "4006381333932",  # wrong check digit
            "036000291453",
            "96385075",
            "T-SKU-1",  # letters
            "40063813339A1",
            "1234567",  # shorter than GTIN-8: an internal code
            "0",
            "00000000",  # only zeros
            "00000000000000",
            "400638133393100",  # 15 digits
            "004006381333931",
        ):
            with self.subTest(code=code):
                self.assertIsNone(normalize(code))
