# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Reading order files on its own, without the ORM."""

import io
from datetime import datetime
from decimal import Decimal

import openpyxl

from odoo.tests import BaseCase, tagged

from .. import order_file as of
from .files import (
    SHOPIFY_HEADER,
    WOO_HEADER,
    shopify_csv,
    shopify_rows,
    to_csv,
    woo_row,
)


def parse(data, mapping=None, **kw):
    header, rows = of.read_table(data, "orders.csv")
    fmt = of.detect_format(header)
    return (fmt, *of.parse_orders(header, rows, of.mapping_for(fmt, mapping), **kw))


def messages(errors):
    return [(row, ref, of.format_message(msg)) for row, ref, msg in errors]


@tagged("post_install", "-at_install")
class TestOrderFile(BaseCase):
    def test_shopify_rows_grouped_into_orders(self):
        data = shopify_csv(
            shopify_rows("#1001", [(2, "Mug", "12.50", "MUG-1"), (1, "Tea", "8", "T")]),
            shopify_rows("#1002", [(1, "Mug", "12.50", "MUG-1")], email="b@x.lu"),
        )
        fmt, orders, errors = parse(data)
        self.assertEqual(fmt, "shopify")
        self.assertEqual(errors, [])
        self.assertEqual([o["ref"] for o in orders], ["#1001", "#1002"])
        first = orders[0]
        self.assertEqual(first["email"], "anne.muller@example.lu")
        self.assertEqual(first["currency"], "EUR")
        self.assertIs(first["taxes_included"], True)
        self.assertEqual(first["shipping_amount"], Decimal("4.90"))
        # Shopify's "+0100" offset: stored in UTC
        self.assertEqual(first["order_date"], datetime(2026, 3, 1, 9, 15))
        self.assertEqual(
            [
                (li["line_sku"], li["line_qty"], li["line_price"])
                for li in first["lines"]
            ],
            [("MUG-1", Decimal(2), Decimal("12.50")), ("T", Decimal(1), Decimal(8))],
        )
        self.assertEqual(first["rows"], [2, 3])
        self.assertEqual(of.partner_values(first, "billing")["city"], "Luxembourg")

    def test_woocommerce_recognised_by_its_header(self):
        data = to_csv(
            WOO_HEADER,
            [
                woo_row("501", "MUG-1", "Mug", "2", "10.00"),
                woo_row("501", "T", "Tea", "1", "5"),
            ],
        )
        fmt, orders, errors = parse(data)
        self.assertEqual(fmt, "woocommerce")
        self.assertEqual(errors, [])
        self.assertEqual(len(orders), 1)
        self.assertEqual(len(orders[0]["lines"]), 2)
        self.assertEqual(of.partner_values(orders[0], "billing")["name"], "Jean Dupont")

    def test_unknown_header_is_not_a_known_format(self):
        self.assertIsNone(of.detect_format(["Ref", "Qty", "Price"]))
        header, rows = of.read_table(b"Ref;Qty;Price\n1;2;3\n")
        with self.assertRaises(of.FileError) as cm:
            of.parse_orders(header, rows, {})
        self.assertEqual(
            of.format_message(cm.exception.args[0]),
            "The file lacks the columns for: Order number, Quantity, Unit price, "
            "SKU. Columns found: Ref, Qty, Price.",
        )

    def test_numbers_in_every_notation(self):
        cases = {
            "12.5": "12.5",
            "12,5": "12.5",
            "1.234,56": "1234.56",
            "1,234.56": "1234.56",
            "1 234,56": "1234.56",
            "1,234,567": "1234567",
            "-3,10": "-3.10",
            "€ 9,90": "9.90",
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(of.parse_number(text), Decimal(expected))
        self.assertEqual(of.parse_number("1.234", decimal=","), Decimal(1234))
        for bad in ("abc", "12.3.4", "1,2,3.4.5", ""):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                of.parse_number(bad)

    def test_comma_decimals_in_a_semicolon_file(self):
        rows = shopify_rows("#1", [(1, "Mug", "12,50", "MUG-1")], shipping="4,90")
        _fmt, orders, errors = parse(shopify_csv(rows, delimiter=";"))
        self.assertEqual(errors, [])
        self.assertEqual(orders[0]["lines"][0]["line_price"], Decimal("12.50"))
        self.assertEqual(orders[0]["shipping_amount"], Decimal("4.90"))

    def test_dates(self):
        self.assertEqual(of.parse_date("2026-03-01"), datetime(2026, 3, 1))
        self.assertEqual(
            of.parse_date("2026-03-01T10:00:00+02:00"), datetime(2026, 3, 1, 8, 0)
        )
        self.assertEqual(of.parse_date("02/03/2026"), datetime(2026, 3, 2))
        self.assertEqual(
            of.parse_date("02/03/2026", day_first=False), datetime(2026, 2, 3)
        )
        self.assertEqual(
            of.parse_date("31.12.2026 18:30"), datetime(2026, 12, 31, 18, 30)
        )
        with self.assertRaises(ValueError):
            of.parse_date("31/31/2026")

    def test_bad_values_reported_per_row(self):
        rows = shopify_rows(
            "#1", [(1, "Mug", "12.50", "A"), ("two", "Tea", "8", "B")], created="soon"
        ) + shopify_rows("#2", [(1, "Mug", "1x", "A")])
        _fmt, _orders, errors = parse(shopify_csv(rows))
        self.assertEqual(
            messages(errors),
            [
                (2, "#1", "The date soon cannot be read."),
                (3, "#1", "Quantity: two is not a number."),
                (4, "#2", "Unit price: 1x is not a number."),
            ],
        )

    def test_duplicated_row_and_contradicting_order(self):
        one = shopify_rows("#1", [(1, "Mug", "12.50", "A")])
        other = shopify_rows("#1", [(1, "Tea", "3", "B")], email="else@example.lu")
        _fmt, _orders, errors = parse(shopify_csv(one, one, other))
        texts = messages(errors)
        self.assertEqual(texts[0][0], 3)
        self.assertIn("repeats row 2", texts[0][2])
        self.assertEqual(texts[1][0], 4)
        self.assertIn(
            "E-mail is else@example.lu here but anne.muller@example.lu on row 2",
            texts[1][2],
        )

    def test_encodings(self):
        rows = shopify_rows("#1", [(1, "Crème brûlée", "5", "A")])
        for encoding in ("utf-8", "utf-8-sig", "cp1252", "utf-16"):
            with self.subTest(encoding=encoding):
                _fmt, orders, errors = parse(shopify_csv(rows, encoding=encoding))
                self.assertEqual(errors, [])
                self.assertEqual(orders[0]["lines"][0]["line_name"], "Crème brûlée")
        # 0x81 is neither UTF-8 nor Windows-1252
        with self.assertRaises(of.FileError) as cm:
            of.read_table(b"Name,Email\n#1,\x81\xc3\n")
        self.assertIn("neither UTF-8 nor Windows-1252", cm.exception.args[0][0])
        with self.assertRaises(of.FileError) as cm:
            of.read_table(b"Name,Email\n#1,a\x00b\n")
        self.assertIn("binary", cm.exception.args[0][0])
        with self.assertRaises(of.FileError) as cm:
            of.read_table(b"caf\xe9,x\n", encoding="utf-8")
        self.assertEqual(cm.exception.args[0][1]["pos"], 3)

    def test_separator_not_recognised(self):
        with self.assertRaises(of.FileError) as cm:
            of.read_table(b"Name Email Total\n#1 a@b.lu 3\n")
        self.assertIn("separator", cm.exception.args[0][0])

    def test_size_limit_and_wrong_kinds_of_file(self):
        big = b"x" * (50 * 1024 * 1024)
        with self.assertRaises(of.FileError) as cm:
            of.read_table(big)
        _text, params = cm.exception.args[0]
        self.assertEqual(params, {"size": 50.0, "limit": 20.0})
        with self.assertRaises(of.FileError) as cm:
            of.read_table(b"")
        self.assertIn("empty", cm.exception.args[0][0])
        with self.assertRaises(of.FileError) as cm:
            of.read_table(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 100)
        self.assertIn(".xls", cm.exception.args[0][0])
        with self.assertRaises(of.FileError):
            of.read_table(b"a,b\n1,2\n", "orders.xlsx")

    def test_rows_with_missing_cells(self):
        data = shopify_csv(shopify_rows("#1", [(1, "Mug", "1", "A")]))
        data += b"#2,only,three\n"
        _fmt, _orders, errors = parse(data)
        self.assertEqual(errors[0][0], 3)
        self.assertIn("3 cells", messages(errors)[0][2])

    def test_xlsx(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(SHOPIFY_HEADER)
        for row in shopify_rows("#9", [(2, "Mug", "12.5", "4006381333931")]):
            values = [row[h] for h in SHOPIFY_HEADER]
            values[SHOPIFY_HEADER.index("Lineitem price")] = 12.5
            values[SHOPIFY_HEADER.index("Created at")] = datetime(2026, 3, 4, 5, 6)
            sheet.append(values)
        out = io.BytesIO()
        book.save(out)
        fmt, orders, errors = parse(out.getvalue())
        self.assertEqual((fmt, errors), ("shopify", []))
        self.assertEqual(orders[0]["lines"][0]["line_price"], Decimal("12.5"))
        self.assertEqual(orders[0]["order_date"], datetime(2026, 3, 4, 5, 6))
        self.assertEqual(orders[0]["lines"][0]["line_sku"], "4006381333931")
