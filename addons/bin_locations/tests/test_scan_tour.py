# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestScanTour(HttpCase):
    """The warehouse worker picks an order of five lines over three bins on a phone."""

    browser_size = "360x740"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        stock = cls.warehouse.lot_stock_id
        bins = cls.env["stock.location"].create(
            [
                {"name": f"T-A-{n}", "location_id": stock.id, "barcode": f"T-A-{n}"}
                for n in (2, 3, 10)
            ]
        )
        eans = [
            "4006381000011",
            "4006381000028",
            "4006381000035",
            "4006381000042",
            "4006381000059",
        ]
        products = cls.env["product.product"].create(
            [
                {
                    "name": f"Tour product {i}",
                    "is_storable": True,
                    "barcode": ean,
                    "default_code": f"TOUR-{i}",
                }
                for i, ean in enumerate(eans, start=1)
            ]
        )
        # p1, p2 in A-2; p3 in A-3; p4, p5 in A-10; p2 is ordered twice.
        placement = [(0, 0, 1), (1, 0, 2), (2, 1, 1), (3, 2, 1), (4, 2, 1)]
        for product_index, bin_index, _qty in placement:
            cls.env["stock.quant"]._update_available_quantity(
                products[product_index], bins[bin_index], 5
            )
        customers = cls.env.ref("stock.stock_location_customers")
        partner = cls.env["res.partner"].create(
            {"name": "Tour Customer", "city": "Esch-sur-Alzette"}
        )
        cls.picking = cls.env["stock.picking"].create(
            {
                "name": "BINTOUR/OUT/001",
                "picking_type_id": cls.warehouse.out_type_id.id,
                "location_id": stock.id,
                "location_dest_id": customers.id,
                "partner_id": partner.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": products[i].id,
                            "product_uom_qty": qty,
                            "product_uom": products[i].uom_id.id,
                            "location_id": stock.id,
                            "location_dest_id": customers.id,
                        },
                    )
                    for i, _bin, qty in placement
                ],
            }
        )
        cls.picking.action_confirm()
        cls.picking.action_assign()
        cls.products = products
        new_test_user(
            cls.env,
            login="bin_tour_worker",
            password="bin_tour_worker",
            groups="stock.group_stock_user",
        )

    def test_pick_by_scanning_on_a_phone(self):
        self.assertEqual(self.picking.state, "assigned")
        self.start_tour(
            "/odoo/action-bin_locations.stock_picking_action_scan",
            "bin_locations_scan_tour",
            login="bin_tour_worker",
        )
        self.assertEqual(self.picking.state, "done")
        done = {m.product_id: m.quantity for m in self.picking.move_ids}
        self.assertEqual([done[p] for p in self.products], [1, 2, 1, 1, 1])
        self.assertTrue(all(self.picking.move_ids.mapped("picked")))

    def test_receive_by_scanning_on_a_phone(self):
        stock = self.warehouse.lot_stock_id
        home, other = self.env["stock.location"].create(
            [
                {"name": f"T-R-{n}", "location_id": stock.id, "barcode": f"T-R-{n}"}
                for n in (1, 2)
            ]
        )
        product = self.env["product.product"].create(
            {"name": "Tour arrival", "is_storable": True, "barcode": "4006381000066"}
        )
        product.home_bin_id = home
        suppliers = self.env.ref("stock.stock_location_suppliers")
        receipt = self.env["stock.picking"].create(
            {
                "name": "BINTOUR/IN/001",
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": suppliers.id,
                "location_dest_id": stock.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": 2,
                            "product_uom": product.uom_id.id,
                            "location_id": suppliers.id,
                            "location_dest_id": stock.id,
                        },
                    )
                ],
            }
        )
        receipt.action_confirm()
        self.start_tour(
            "/odoo/action-bin_locations.stock_picking_action_scan",
            "bin_locations_receive_tour",
            login="bin_tour_worker",
        )
        self.assertEqual(receipt.state, "done")
        self.assertEqual(product.with_context(location=other.id).qty_available, 2)
        self.assertEqual(product.with_context(location=home.id).qty_available, 0)
