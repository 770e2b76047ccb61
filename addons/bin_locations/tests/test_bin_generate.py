# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import BinLocationsCase


@tagged("post_install", "-at_install")
class TestBinGenerate(BinLocationsCase):
    def _wizard(self, **vals):
        parent = self.env["stock.location"].create(
            {"name": "Garage", "location_id": self.stock.id}
        )
        form = Form(self.env["bin.generate.wizard"])
        form.parent_location_id = parent
        for name, value in vals.items():
            setattr(form, name, value)
        return form, parent

    def test_bulk_creation(self):
        form, parent = self._wizard(
            aisles="A-C", shelves="1-12", levels="1-4", barcode_prefix="G-"
        )
        self.assertEqual(form.bin_count, 144)
        self.assertEqual(form.preview, "A-01-1, A-01-2, A-01-3 … C-12-4")
        action = form.save().action_generate()
        bins = self.env["stock.location"].search(action["domain"])
        self.assertEqual(len(bins), 144)
        self.assertEqual(set(bins.location_id.ids), {parent.id})
        self.assertEqual(set(bins.mapped("usage")), {"internal"})
        first = bins.filtered(lambda b: b.name == "A-01-1")
        self.assertEqual(first.barcode, "G-A-01-1")
        self.assertEqual(first.company_id, self.env.company)
        self.assertTrue(self.env.user.has_group("stock.group_stock_multi_locations"))
        # Natural walk order: A-01-1 .. A-01-4, A-02-1 ...
        ordered = self.env["stock.location"].search(
            [("id", "in", bins.ids)], order="bin_sort_key", limit=5
        )
        self.assertEqual(
            ordered.mapped("name"), ["A-01-1", "A-01-2", "A-01-3", "A-01-4", "A-02-1"]
        )

        # Running it again with a wider pattern only adds the missing bins.
        form2 = Form(self.env["bin.generate.wizard"])
        form2.parent_location_id = parent
        form2.aisles = "A-D"
        form2.barcode_prefix = "G-"
        action2 = form2.save().action_generate()
        self.assertEqual(self.env["stock.location"].search_count(action2["domain"]), 48)
        self.assertEqual(len(parent.child_ids), 192)

    def test_bad_pattern_and_duplicate_barcode(self):
        form, parent = self._wizard(aisles="C-A")
        self.assertEqual(form.bin_count, 0)
        self.assertIn("backwards", form.preview)
        with self.assertRaisesRegex(UserError, "backwards"):
            form.save().action_generate()
        # A barcode used elsewhere in the company is refused, naming that location.
        self.env["stock.location"].create(
            {"name": "Other", "location_id": self.stock.id, "barcode": "A-01"}
        )
        form, parent = self._wizard(aisles="A", shelves="1", levels="")
        with self.assertRaisesRegex(
            UserError, "A-01 is already used by location .*Other"
        ):
            form.save().action_generate()
        self.assertFalse(parent.child_ids)

    def test_bin_labels_print(self):
        form, _parent = self._wizard(aisles="A", shelves="1-2", levels="")
        action = form.save().action_generate()
        bins = self.env["stock.location"].search(action["domain"])
        html = self.env["ir.actions.report"]._render_qweb_html(
            "stock.report_location_barcode", bins.ids
        )[0]
        for name in ("A-01", "A-02"):
            self.assertIn(name, html.decode())
