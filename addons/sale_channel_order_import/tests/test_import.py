# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import io

import openpyxl
import psycopg2.errors

from odoo import sql_db
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.sale_channel_order_importer import lock_key
from .common import ImportCase
from .files import (
    SHOPIFY_HEADER,
    WOO_HEADER,
    shopify_csv,
    shopify_rows,
    to_csv,
    woo_row,
)


@tagged("post_install", "-at_install")
class TestImport(ImportCase):
    def shop_file(self):
        return shopify_csv(
            shopify_rows(
                "#1001",
                [
                    # the EAN-13 of the mug written as a GTIN-14, in the SKU column
                    (2, "Mug", "11.70", "04006381333931"),
                    (1, "Tea", "5.85", "TEA-1"),
                    (1, "Candle", "9.36", "CANDLE-9"),
                ],
                shipping="5.85",
                discount="1.17",
            ),
            shopify_rows(
                "#1002",
                [(1, "Mug", "11.70", "MUG-1")],
                email="ANNE.Muller@Example.lu",
                shipping_address=("Paul Muller", "1 rue Haute", "Esch", "L-4001", "LU"),
            ),
        )

    def test_preview_lists_problems_and_creates_nothing(self):
        data = shopify_csv(
            shopify_rows(
                "#1",
                [(1, "Mug", "11.70", "MUG-1"), (1, "Lamp", "3", "LAMP")],
                currency="XYZ",
            ),
            shopify_rows("#2", [(1, "Mug", "11.70", "MUG-1")], created="yesterday"),
        )
        before = self.counts()
        wizard = self.wizard(data, user=self.salesman)
        wizard.action_preview()
        self.assertEqual(self.counts(), before)
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(wizard.file_format, "shopify")
        self.assertEqual((wizard.order_count, wizard.error_count), (2, 2))
        self.assertEqual(wizard.warning_count, 1)
        got = [(m.row, m.order_ref, m.level) for m in wizard.message_ids]
        self.assertEqual(
            got, [(2, "#1", "error"), (3, "#1", "warning"), (4, "#2", "error")]
        )
        self.assertIn("XYZ", wizard.message_ids[0].message)
        self.assertIn("LAMP", wizard.message_ids[1].message)
        self.assertIn("yesterday", wizard.message_ids[2].message)
        # and the import refuses the file as a whole
        wizard = self.wizard(data)
        wizard.action_preview()
        with self.assertRaisesRegex(UserError, "2 errors; nothing was imported"):
            wizard.action_import()
        self.assertEqual(self.counts(), before)

    def test_shopify_export_imported(self):
        wizard = self.wizard(self.shop_file())
        wizard.action_preview()
        self.assertEqual((wizard.error_count, wizard.warning_count), (0, 1))
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        orders = wizard.sale_order_ids.sorted("client_order_ref")
        self.assertEqual(orders.mapped("client_order_ref"), ["#1001", "#1002"])
        first, second = orders
        self.assertEqual(first.team_id, self.team)
        self.assertEqual(str(first.date_order), "2026-03-01 09:15:00")
        lines = first.order_line
        self.assertEqual(
            lines.mapped("product_id")[:2], self.mug | self.tea, "GTIN, then SKU"
        )
        # the unknown candle is kept, with its price, and flagged
        candle = lines[2]
        self.assertTrue(candle.channel_unknown_product)
        self.assertEqual(candle.channel_sku, "CANDLE-9")
        self.assertIn("Candle", candle.name)
        self.assertEqual(candle.price_unit, 9.36)
        self.assertEqual(first.channel_unknown_product_count, 1)
        self.assertEqual(second.channel_unknown_product_count, 0)
        # shipping and discount lines; prices include VAT (Taxes Included = true)
        shipping, discount = lines[3], lines[4]
        self.assertEqual((shipping.name, shipping.price_unit), ("Standard", 5.85))
        self.assertEqual(discount.price_unit, -1.17)
        self.assertTrue(all(t.price_include for t in lines.tax_ids))
        self.assertAlmostEqual(
            first.amount_total, 2 * 11.70 + 5.85 + 9.36 + 5.85 - 1.17
        )
        self.assertAlmostEqual(first.amount_tax, first.amount_total / 1.17 * 0.17, 1)
        # one customer per e-mail, whatever its case; a second delivery address
        self.assertEqual(first.partner_id, second.partner_id)
        self.assertEqual(first.partner_id.name, "Anne Müller")
        self.assertEqual(first.partner_id.country_id.code, "LU")
        self.assertEqual(first.partner_shipping_id, first.partner_id)
        self.assertEqual(second.partner_shipping_id.parent_id, second.partner_id)
        self.assertEqual(second.partner_shipping_id.city, "Esch")
        self.assertEqual(second.partner_shipping_id.type, "delivery")

    def test_existing_customer_matched_by_email(self):
        anne = self.env["res.partner"].create(
            {"name": "Anne M.", "email": "Anne.Muller@example.LU"}
        )
        wizard = self.wizard(self.shop_file())
        wizard.action_preview()
        wizard.action_import()
        self.assertEqual(wizard.sale_order_ids.partner_id, anne)
        # her address as Shopify has it becomes her invoice address
        invoice = wizard.sale_order_ids[0].partner_invoice_id
        self.assertEqual((invoice.parent_id, invoice.type), (anne, "invoice"))

    def test_customer_key_held_by_an_archived_partner(self):
        """An archived customer created by an earlier import keeps its e-mail key:
        the new customer is created without it instead of failing forever."""
        old = self.env["res.partner"].create(
            {"name": "Old Anne", "channel_import_email": "anne.muller@example.lu"}
        )
        old.active = False
        wizard = self.wizard(self.shop_file())
        wizard.action_preview()
        wizard.action_import()
        customer = wizard.sale_order_ids.partner_id
        self.assertEqual(len(customer), 1)
        self.assertNotEqual(customer, old)
        self.assertFalse(customer.channel_import_email)
        self.assertEqual(customer.email, "anne.muller@example.lu")

    def test_importing_twice_creates_each_order_once(self):
        data = self.shop_file()
        wizard = self.wizard(data)
        wizard.action_preview()
        wizard.action_import()
        self.assertEqual(len(wizard.sale_order_ids), 2)
        before = self.counts()
        again = self.wizard(data)
        again.action_preview()
        self.assertEqual(again.new_order_count, 0)
        self.assertEqual(
            again.message_ids.filtered(lambda m: m.level == "info").mapped("order_ref"),
            ["#1001", "#1002"],
        )
        again.action_import()
        self.assertFalse(again.sale_order_ids)
        self.assertEqual(again.skipped_count, 2)
        self.assertEqual(self.counts(), before)
        # a larger file with one new order: only that one is created
        data = shopify_csv(
            shopify_rows("#1001", [(1, "Mug", "11.70", "MUG-1")]),
            shopify_rows("#1003", [(1, "Mug", "11.70", "MUG-1")], email="c@x.lu"),
        )
        third = self.wizard(data)
        third.action_preview()
        third.action_import()
        self.assertEqual(third.sale_order_ids.client_order_ref, "#1003")
        self.assertEqual(third.skipped_count, 1)

    def test_binding_is_unique_per_channel(self):
        Binding = self.env["sale.channel.order.binding"]
        vals = {"team_id": self.team.id, "company_id": self.company.id}
        Binding.create(dict(vals, external_id="#7"))
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.env.cr.savepoint(),
        ):
            Binding.create(dict(vals, external_id="#7"))
        other = self.env["crm.team"].create({"name": "WooCommerce"})
        Binding.create(dict(vals, team_id=other.id, external_id="#7"))

    def test_order_locked_by_another_import_is_left_to_it(self):
        importer = self.env["sale.channel.order.importer"]
        orders = [{"ref": "#1"}, {"ref": "#2"}]
        # a second connection holds the lock of #2, as a concurrent import would
        with sql_db.db_connect(self.env.cr.dbname).cursor() as other:
            other.execute(
                "SELECT pg_advisory_xact_lock(%s)",
                [lock_key("sale_channel_order", self.team.id, "#2")],
            )
            mine = importer._lock_orders(self.team, orders)
            other.rollback()
        self.assertEqual([o["ref"] for o in mine], ["#1"])

    def test_woocommerce_export_prices_without_vat(self):
        data = to_csv(
            WOO_HEADER,
            [
                woo_row("501", "MUG-1", "Mug", "2", "10,00"),
                woo_row("501", "4006381333931", "Mug", "1", "10,00"),
            ],
        )
        wizard = self.wizard(data, name="orders.csv")
        wizard.action_preview()
        self.assertEqual((wizard.file_format, wizard.error_count), ("woocommerce", 0))
        wizard.action_import()
        order = wizard.sale_order_ids
        self.assertEqual(order.partner_id.country_id.code, "FR")
        self.assertEqual(order.partner_id.email, "jean.dupont@example.fr")
        self.assertEqual(order.order_line[:2].product_id, self.mug)
        self.assertFalse(any(t.price_include for t in order.order_line.tax_ids))
        self.assertAlmostEqual(order.amount_untaxed, 36.0)

    def test_foreign_currency(self):
        usd = self.env.ref("base.USD")
        usd.active = True
        data = shopify_csv(
            shopify_rows("#U1", [(1, "Mug", "20", "MUG-1")], currency="USD")
        )
        wizard = self.wizard(data)
        wizard.action_preview()
        wizard.action_import()
        self.assertEqual(wizard.sale_order_ids.currency_id, usd)
        self.assertEqual(wizard.sale_order_ids.order_line[0].price_unit, 20)

    def test_saved_column_mapping_for_another_channel(self):
        team = self.env["crm.team"].create({"name": "Marketplace X"})
        data = (
            "Bestellung;Datum;Kunde;Artikel;EAN;Menge;Preis\n"
            "X-1;31.12.2026;k@example.de;Mug;04006381333931;3;9,50\n"
            "X-1;31.12.2026;k@example.de;Tea;;1;2,00\n"
        ).encode("cp1252")
        wizard = self.wizard(data, team=team)
        with self.assertRaisesRegex(UserError, "Marketplace X has no column mapping"):
            wizard.action_preview()
        self.env["sale.channel.column.map"].with_user(self.manager).create(
            {
                "team_id": team.id,
                "col_order_ref": "Bestellung",
                "col_order_date": "Datum",
                "col_email": "Kunde",
                "col_line_name": "Artikel",
                "col_line_gtin": "EAN",
                "col_line_qty": "Menge",
                "col_line_price": "Preis",
            }
        )
        wizard.action_preview()
        self.assertEqual((wizard.file_format, wizard.error_count), ("custom", 0))
        self.assertEqual(wizard.warning_count, 1)  # Tea has neither EAN nor SKU
        wizard.action_import()
        order = wizard.sale_order_ids
        self.assertEqual(str(order.date_order), "2026-12-31 00:00:00")
        self.assertEqual(order.order_line[0].product_id, self.mug)
        self.assertEqual(order.order_line[0].price_unit, 9.5)
        self.assertEqual(order.order_line[0].product_uom_qty, 3)
        self.assertTrue(order.order_line[1].channel_unknown_product)

    def test_xlsx_export_imported(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(SHOPIFY_HEADER)
        for row in shopify_rows("#X1", [(2, "Mug", "11.70", "4006381333931")]):
            values = [row[h] for h in SHOPIFY_HEADER]
            values[SHOPIFY_HEADER.index("Lineitem price")] = 11.7
            values[SHOPIFY_HEADER.index("Lineitem quantity")] = 2
            # a spreadsheet keeps an EAN typed in a cell as a number
            values[SHOPIFY_HEADER.index("Lineitem sku")] = 4006381333931
            sheet.append(values)
        out = io.BytesIO()
        book.save(out)
        wizard = self.wizard(out.getvalue(), name="orders_export.xlsx")
        wizard.action_preview()
        self.assertEqual((wizard.file_format, wizard.error_count), ("shopify", 0))
        wizard.action_import()
        line = wizard.sale_order_ids.order_line[0]
        self.assertEqual(line.product_id, self.mug)
        self.assertEqual((line.product_uom_qty, line.price_unit), (2, 11.7))

    def test_file_over_the_size_limit_is_refused(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "sale_channel_order_import.max_file_mb", "0.01"
        )
        data = shopify_csv(
            *(shopify_rows(f"#{n}", [(1, "Mug", "11.70", "MUG-1")]) for n in range(100))
        )
        self.assertGreater(len(data), 11000)
        wizard = self.wizard(data)
        with self.assertRaisesRegex(UserError, "files over 0.01 MB are refused"):
            wizard.action_preview()

    def test_bad_rows_make_the_whole_import_fail(self):
        good = shopify_rows("#1", [(1, "Mug", "11.70", "MUG-1")])
        data = shopify_csv(good, good)  # the same row twice
        before = self.counts()
        wizard = self.wizard(data)
        wizard.action_preview()
        self.assertEqual(wizard.error_count, 1)
        self.assertIn("repeats row 2", wizard.message_ids.message)
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertEqual(self.counts(), before)
