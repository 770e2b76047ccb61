# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tools.misc import file_open

from ..models.product_template import ProductTemplate
from .import_common import ImportScreenCase

TEMPLATE = "product_gtin/static/xls/catalogue_import_template"
EXPECTED_MAPPING = {
    "Name": "name",
    "Internal Reference": "default_code",
    "Barcode": "barcode",
    "Sales Price": "list_price",
    "Cost": "standard_price",
    "Product Type": "type",
    "Product Category": "categ_id",
    "Weight": "weight",
}


@tagged("post_install", "-at_install")
class TestCatalogueImport(ImportScreenCase):
    def _templates(self):
        # This addon's list, whatever addons installed later make of it
        # (bin_locations swaps in templates with a Track Inventory column).
        return ProductTemplate.get_import_templates(self.env["product.template"])

    def _products(self, codes):
        return self.env["product.template"].search([("default_code", "in", codes)])

    def test_import_screen_offers_both_templates(self):
        links = [t["template"] for t in self._templates()]
        self.assertEqual(links[:2], [f"/{TEMPLATE}.xlsx", f"/{TEMPLATE}.csv"])
        # Odoo's own template is still offered below ours.
        self.assertIn("/product/static/xls/product_product.xls", links)
        for link in links[:2]:
            with file_open(link.lstrip("/"), "rb") as f:
                self.assertTrue(f.read())

    def test_templates_map_every_column_and_import(self):
        for extension in ("csv", "xlsx"):
            with self.subTest(extension=extension):
                content = self.read_static(f"{TEMPLATE}.{extension}")
                wizard, preview = self.upload(
                    "product.template", content, f"catalogue.{extension}"
                )
                self.assertEqual(self.mapped_fields(preview), EXPECTED_MAPPING)
                result = self.run_import(wizard, preview, dryrun=False)
                self.assertFalse(result["messages"])
                honey, candle = self._products(["HONEY-500", "CANDLE-01"]).sorted(
                    "default_code", reverse=True
                )
                self.assertEqual(honey.name, "Organic honey 500 g")
                self.assertEqual(honey.barcode, "4006381333931")
                self.assertEqual(honey.list_price, 12.5)
                self.assertEqual(honey.standard_price, 6.2)
                self.assertEqual(honey.type, "consu")
                self.assertEqual(
                    honey.categ_id, self.env.ref("product.product_category_goods")
                )
                self.assertAlmostEqual(honey.weight, 0.55)
                self.assertEqual(candle.product_variant_id.gtin14, "05901234123457")
                # The other format imports the same products from scratch.
                (honey | candle).unlink()

    def test_wrong_check_digit_is_refused_on_its_row(self):
        content = self.read_static("product_gtin/tests/data/catalogue_bad_rows.csv")
        wizard, preview = self.upload("product.template", content, "bad.csv")
        result = self.run_import(wizard, preview, dryrun=True)
        self.assertRowError(
            result,
            3,
            r'Barcode "4006381333932" of product "Typo honey" is not a valid GTIN'
            r".*should be 1",
        )
        # Odoo may repeat the message on the batch's first row; it always names
        # the product at fault, never the good one.
        for message in result["messages"]:
            self.assertIn("Typo honey", message["message"])
        # The test run wrote nothing, not even the good row.
        self.assertFalse(self._products(["T-GOOD-1", "T-TYPO-1"]))
        # Nor does the real import: Odoo imports all rows or none.
        result = self.run_import(wizard, preview, dryrun=False)
        self.assertTrue(result["messages"])
        self.assertFalse(self._products(["T-GOOD-1", "T-TYPO-1"]))

    def test_text_in_price_names_row_and_column(self):
        content = self.read_static("product_gtin/tests/data/catalogue_bad_price.csv")
        wizard, preview = self.upload("product.template", content, "price.csv")
        result = self.run_import(wizard, preview, dryrun=True)
        self.assertRowError(
            result, 4, r'Row 4, column "Sales Price": "twelve" is not a number'
        )
        self.assertFalse(self._products(["T-GOOD-1", "T-CANDLE-1", "T-PRICE-1"]))

    def test_wrong_check_digit_still_saved_outside_imports(self):
        """Typed in the form, an internal barcode of 13 digits is the seller's
        choice: only imports are checked."""
        product = self.env["product.template"].create(
            {"name": "Shelf code", "barcode": "4006381333932"}
        )
        self.assertEqual(product.barcode, "4006381333932")
        self.assertFalse(product.product_variant_id.gtin14)

    def test_product_column_finds_any_gtin_notation(self):
        """A column of products (an order line, a count) may hold the GTIN as
        the scanner or Letzshop writes it, not as the barcode was saved."""
        product = self.env["product.product"].create(
            {"name": "Stabilo", "barcode": "4006381333931"}
        )
        Product = self.env["product.product"].with_context(import_file=True)
        for code in ("4006381333931", "04006381333931", "(01)04006381333931"):
            with self.subTest(code=code):
                self.assertEqual(
                    [r[0] for r in Product.name_search(code, operator="=")],
                    [product.id],
                )
        self.assertFalse(
            self.env["product.product"].name_search("04006381333931", operator="=")
        )
