# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged

from odoo.addons.product_gtin.tests.import_common import ImportScreenCase

from .common import BinLocationsCase

OPENING = "bin_locations/static/xls/opening_stock_import_template"
CATALOGUE = "bin_locations/static/xls/catalogue_import_template_stock"


@tagged("post_install", "-at_install")
class TestImportTemplates(BinLocationsCase, ImportScreenCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A shelf whose label (barcode) differs from its name: the seller's file
        # may name it either way.
        cls.bin_b1 = cls.env["stock.location"].create(
            {"name": "T-B-1", "location_id": cls.stock.id, "barcode": "LBL-0001"}
        )
        # The common products' barcodes are not GTINs; this one is, so that the
        # file may write it in another notation.
        cls.p1.barcode = "4006381000017"
        cls.seller = new_test_user(
            cls.env,
            login="bin_opening_seller",
            groups="stock.group_stock_manager",
            name="Seller",
        )

    def _quant(self, product, location):
        return self.env["stock.quant"].search(
            [("product_id", "=", product.id), ("location_id", "=", location.id)]
        )

    def test_physical_inventory_offers_opening_stock_templates(self):
        links = [t["template"] for t in self.env["stock.quant"].get_import_templates()]
        self.assertEqual(links[:2], [f"/{OPENING}.xlsx", f"/{OPENING}.csv"])
        self.assertIn("/stock/static/xlsx/stock_quant.xlsx", links)

    def test_opening_stock_templates_map_their_columns(self):
        for extension in ("csv", "xlsx"):
            with self.subTest(extension=extension):
                _wizard, preview = self.upload(
                    "stock.quant",
                    self.read_static(f"{OPENING}.{extension}"),
                    f"opening.{extension}",
                    user=self.seller,
                )
                self.assertEqual(
                    self.mapped_fields(preview),
                    {
                        "Product": "product_id",
                        "Location": "location_id",
                        "Counted Quantity": "inventory_quantity",
                    },
                )

    def test_opening_stock_counted_then_applied(self):
        """The file sets the counted quantities (by GTIN in any notation, SKU,
        bin barcode or bin name); Apply puts them in stock."""
        before = {
            (p, b): self._quant(p, b).quantity
            for p, b in ((self.p1, self.bin_a2), (self.p2, self.bin_a10))
        }
        wizard, preview = self.upload(
            "stock.quant",
            self.read_static("bin_locations/tests/data/opening_stock.csv"),
            "opening.csv",
            user=self.seller,
        )
        result = self.run_import(wizard, preview, dryrun=False)
        self.assertFalse(result["messages"])
        quants = self.env["stock.quant"].browse(result["ids"])
        self.assertEqual(
            sorted((q.product_id, q.location_id, q.inventory_quantity) for q in quants),
            sorted(
                [
                    (self.p1, self.bin_a2, 24),
                    (self.p2, self.bin_a10, 10),
                    (self.p3, self.bin_b1, 7),
                ]
            ),
        )
        # Counted, not yet in stock: the seller reviews the differences...
        self.assertEqual(
            self._quant(self.p1, self.bin_a2).quantity, before[self.p1, self.bin_a2]
        )
        self.assertFalse(self._quant(self.p3, self.bin_b1).quantity)
        # ... and applies them (Physical Inventory > Apply).
        quants.with_user(self.seller).action_apply_inventory()
        self.assertEqual(self._quant(self.p1, self.bin_a2).quantity, 24)
        self.assertEqual(self._quant(self.p2, self.bin_a10).quantity, 10)
        self.assertEqual(self._quant(self.p3, self.bin_b1).quantity, 7)

    def test_unknown_bin_is_refused_on_its_row_and_nothing_counted(self):
        counted = self._quant(self.p1, self.bin_a2).inventory_quantity
        wizard, preview = self.upload(
            "stock.quant",
            self.read_static("bin_locations/tests/data/opening_stock_unknown_bin.csv"),
            "opening.csv",
            user=self.seller,
        )
        result = self.run_import(wizard, preview, dryrun=True)
        self.assertRowError(result, 3, r"T-Z-99.*Location")
        self.assertEqual(len(result["messages"]), 1)
        self.assertEqual(self._quant(self.p1, self.bin_a2).inventory_quantity, counted)
        self.assertFalse(self._quant(self.p1, self.bin_a2).inventory_quantity_set)

    def test_short_bin_name_must_be_unambiguous(self):
        """A short name two bins share (in two warehouses) is refused, not
        guessed."""
        other_wh = self.env["stock.warehouse"].create(
            {"name": "Second shop", "code": "T2WH"}
        )
        self.env["stock.location"].create(
            {"name": "T-B-1", "location_id": other_wh.lot_stock_id.id}
        )
        wizard, preview = self.upload(
            "stock.quant",
            b"Product,Location,Counted Quantity\nT-SKU-1,T-B-1,5\nT-SKU-2,LBL-0001,3\n",
            "opening.csv",
            user=self.seller,
        )
        result = self.run_import(wizard, preview, dryrun=True)
        self.assertRowError(result, 2, r"T-B-1.*Location")
        self.assertEqual(len(result["messages"]), 1)

    def test_catalogue_template_with_track_inventory(self):
        links = [
            t["template"] for t in self.env["product.template"].get_import_templates()
        ]
        self.assertEqual(links[:2], [f"/{CATALOGUE}.xlsx", f"/{CATALOGUE}.csv"])
        for extension in ("csv", "xlsx"):
            with self.subTest(extension=extension):
                wizard, preview = self.upload(
                    "product.template",
                    self.read_static(f"{CATALOGUE}.{extension}"),
                    f"catalogue.{extension}",
                )
                self.assertEqual(
                    self.mapped_fields(preview)["Track Inventory"], "is_storable"
                )
                result = self.run_import(wizard, preview, dryrun=False)
                self.assertFalse(result["messages"])
                products = self.env["product.template"].browse(result["ids"])
                self.assertEqual(len(products), 2)
                self.assertTrue(all(products.mapped("is_storable")))
                products.unlink()
