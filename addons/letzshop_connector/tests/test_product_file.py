from odoo.tests import BaseCase, new_test_user, tagged

from odoo.addons.product_gtin.tests.import_common import ImportScreenCase

from .. import letzshop_product_file as pf

DATA = "letzshop_connector/tests/data"


@tagged("at_install")
class TestProductFileParser(BaseCase):
    """The plain parser, without a database."""

    def test_recognises_letzshop_header_only(self):
        self.assertTrue(pf.is_product_file(["id", "title", "price", "gtin"]))
        self.assertTrue(pf.is_product_file(["g:id", "G:Title", " g:gtin "]))
        self.assertFalse(pf.is_product_file(["id", "title"]))
        self.assertFalse(pf.is_product_file(["Name", "Barcode", "Sales Price"]))
        self.assertTrue(pf.looks_like_product_file("id\ttitle\tgtin"))
        self.assertFalse(pf.looks_like_product_file("id,title,gtin"))

    def test_price_and_weight(self):
        self.assertEqual(pf.price("12.50 EUR", "EUR"), "12.50")
        self.assertEqual(pf.price("8,90 EUR", "EUR"), "8.90")
        self.assertEqual(pf.price("7", "EUR"), "7")
        # another currency or text: unchanged, the import refuses it on its row
        self.assertEqual(pf.price("9.90 USD", "EUR"), "9.90 USD")
        self.assertEqual(pf.price("about 5", "EUR"), "about 5")
        self.assertEqual(pf.weight("500 g"), "0.5")
        self.assertEqual(pf.weight("0,2 kg"), "0.2")
        self.assertEqual(pf.weight("1 lb"), "0.453592")
        self.assertEqual(pf.weight(""), "")
        self.assertEqual(pf.weight("heavy"), "heavy")

    def test_rows_become_product_columns(self):
        rows = pf.to_import_rows(
            [
                ["id", "title", "price", "gtin", "mpn", "brand"],
                ["SKU-1", "Honey", "12.50 EUR", "4006381333931", "M-1", "Bees"],
                ["5901234123457", "Candle", "8.90 EUR", "5901234123457", "C-1", ""],
                ["5901234123450", "Short"],
            ],
            currency="EUR",
        )
        self.assertEqual(rows[0], list(pf.HEADER))
        self.assertEqual(
            rows[1],
            [
                "Honey",
                "SKU-1",
                "4006381333931",
                "12.50",
                "",
                "",
                "Goods",
                "True",
                "True",
            ],
        )
        # an id repeating the GTIN is no reference: the mpn is
        self.assertEqual(rows[2][1], "C-1")
        # a short line: missing cells are empty
        self.assertEqual(rows[3][:4], ["Short", "5901234123450", "", ""])


@tagged("post_install", "-at_install")
class TestProductFileImport(ImportScreenCase):
    """Letzshop's product file in Odoo's product import screen."""

    @classmethod
    def setup_main_company(cls, currency_code="EUR"):
        # Letzshop sells in euros (BaseCommon would switch the company to USD).
        return super().setup_main_company(currency_code=currency_code)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(
            cls.env,
            login="letzshop_catalogue_seller",
            groups="sales_team.group_sale_manager,stock.group_stock_manager,"
            "product.group_product_manager",
        )

    def _products(self, codes):
        return self.env["product.template"].search([("default_code", "in", codes)])

    def upload_data(self, name):
        return self.upload(
            "product.template",
            self.read_static(f"{DATA}/{name}"),
            name,
            user=self.seller,
        )

    def test_letzshop_file_maps_and_imports(self):
        wizard, preview = self.upload_data("letzshop_products_fr.csv")
        self.assertEqual(
            self.mapped_fields(preview),
            {
                "Name": "name",
                "Internal Reference": "default_code",
                "Barcode": "barcode",
                "Sales Price": "list_price",
                "Sales Description": "description_sale",
                "Weight": "weight",
                "Product Type": "type",
                "Track Inventory": "is_storable",
                "Publish on Letzshop": "letzshop_published",
            },
        )
        self.assertEqual(preview["num_rows"], 3)
        # Test first: nothing is written.
        result = self.run_import(wizard, preview, dryrun=True)
        self.assertFalse(result["messages"])
        self.assertFalse(self._products(["T-HONEY-500", "T-CANDLE-01"]))
        result = self.run_import(wizard, preview, dryrun=False)
        self.assertFalse(result["messages"])
        honey, candle = self.env["product.template"].browse(result["ids"])
        self.assertEqual(honey.name, "Miel de forêt 500 g")
        self.assertEqual(honey.default_code, "T-HONEY-500")
        self.assertEqual(honey.barcode, "4006381333931")
        self.assertEqual(honey.list_price, 12.5)
        self.assertEqual(honey.description_sale, "Miel « toutes fleurs » du Mullerthal")
        self.assertAlmostEqual(honey.weight, 0.5)
        self.assertTrue(honey.is_storable)
        self.assertTrue(honey.letzshop_published)
        self.assertEqual(honey.type, "consu")
        self.assertEqual(candle.default_code, "T-CANDLE-01")
        self.assertEqual(candle.list_price, 8.9)
        self.assertAlmostEqual(candle.weight, 0.2)

    def test_windows_1252_file_is_read_right(self):
        wizard, preview = self.upload_data("letzshop_products_cp1252.csv")
        self.assertEqual(preview["options"]["encoding"], "cp1252")
        result = self.run_import(wizard, preview, dryrun=False)
        self.assertFalse(result["messages"])
        creme = self.env["product.template"].browse(result["ids"])
        self.assertEqual(creme.name, "Crème brûlée – 5 € le pot")
        self.assertEqual(creme.description_sale, "Délicieuse")
        self.assertEqual(creme.barcode, "96385074")
        self.assertAlmostEqual(creme.weight, 0.25)

    def test_undecodable_file_is_refused_by_name(self):
        # 0x81 and 0x8d are neither UTF-8 here nor any Windows-1252 character.
        _wizard, preview = self.upload(
            "product.template",
            b"id\ttitle\tgtin\nT-X-1\tBad \x81\x8d bytes\t\n",
            "export-letzshop.csv",
            user=self.seller,
        )
        self.assertIn('The file "export-letzshop.csv" is not UTF-8', preview["error"])

    def test_wrong_gtin_refused_on_its_row_nothing_written(self):
        wizard, preview = self.upload_data("letzshop_products_bad_gtin.csv")
        result = self.run_import(wizard, preview, dryrun=True)
        self.assertRowError(result, 3, r'"4006381333932" of product "Typo honey"')
        result = self.run_import(wizard, preview, dryrun=False)
        self.assertTrue(result["messages"])
        self.assertFalse(self._products(["T-GOOD-1", "T-TYPO-1"]))

    def test_price_in_another_currency_refused_on_its_row(self):
        wizard, preview = self.upload_data("letzshop_products_bad_price.csv")
        result = self.run_import(wizard, preview, dryrun=True)
        self.assertRowError(
            result, 3, r'Row 3, column "Sales Price": "9.90 USD" is not a number'
        )
        self.assertFalse(self._products(["T-GOOD-1", "T-USD-1"]))

    def test_other_models_and_product_csv_untouched(self):
        """A product CSV with Odoo's own columns is read as before; a Letzshop
        header in another model's import is not converted."""
        _wizard, preview = self.upload(
            "product.template",
            b"Name,Internal Reference\nPlain,T-PLAIN-1\n",
            "plain.csv",
            user=self.seller,
        )
        self.assertEqual(preview["headers"], ["Name", "Internal Reference"])
        self.assertEqual(preview["options"]["encoding"], "utf-8-sig")
        _wizard, preview = self.upload(
            "res.partner", b"id\ttitle\tgtin\nX\tY\tZ\n", "partners.csv"
        )
        self.assertEqual(preview["headers"], ["id", "title", "gtin"])

    def test_salesman_cannot_import_products(self):
        """Creating products is for product managers: a salesman's import is
        refused row by row and writes nothing."""
        salesman = new_test_user(
            self.env,
            login="letzshop_catalogue_salesman",
            groups="sales_team.group_sale_salesman",
        )
        wizard, preview = self.upload(
            "product.template",
            self.read_static(f"{DATA}/letzshop_products_fr.csv"),
            "letzshop_products_fr.csv",
            user=salesman,
        )
        result = self.run_import(wizard, preview, dryrun=False)
        self.assertRowError(result, 2, "not allowed to create")
        self.assertFalse(self._products(["T-HONEY-500", "T-CANDLE-01"]))
