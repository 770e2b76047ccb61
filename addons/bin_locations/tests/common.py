# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

# A 1x1 PNG: enough to check that the pick list embeds product images.
PIXEL_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4"
    "nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)


class BinLocationsCase(BaseCommon):
    """A warehouse with bins T-A-2, T-A-3, T-A-10 (prefixed to stay clear of demo
    data), five products with EANs and stock in those bins."""

    prefix = "T"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        Location = cls.env["stock.location"]
        cls.bin_a2, cls.bin_a3, cls.bin_a10 = Location.create(
            [
                {
                    "name": f"{cls.prefix}-A-{n}",
                    "location_id": cls.stock.id,
                    "barcode": f"{cls.prefix}-A-{n}",
                }
                for n in (2, 3, 10)
            ]
        )
        cls.products = cls.env["product.product"].create(
            [
                {
                    "name": f"Bin test product {i}",
                    "is_storable": True,
                    "default_code": f"{cls.prefix}-SKU-{i}",
                    "barcode": ean,
                    "list_price": 987.65,
                    "standard_price": 432.1,
                }
                for i, ean in enumerate(
                    [
                        "4006381000011",
                        "4006381000028",
                        "4006381000035",
                        "4006381000042",
                        "4006381000059",
                    ],
                    start=1,
                )
            ]
        )
        cls.p1, cls.p2, cls.p3, cls.p4, cls.p5 = cls.products
        cls.p2.image_1920 = PIXEL_PNG
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Bin Test Customer",
                "street": "1 Rue du Test",
                "zip": "L-1111",
                "city": "Luxembourg",
                "country_id": cls.env.ref("base.lu").id,
                "email": "customer@example.com",
                "phone": "+352 111 222",
            }
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="bin_wh_user",
            groups="stock.group_stock_user",
            name="Warehouse Worker",
        )

    @classmethod
    def put_in_stock(cls, product, location, quantity):
        cls.env["stock.quant"]._update_available_quantity(product, location, quantity)

    @classmethod
    def make_delivery(cls, lines, name=None, assign=True):
        """lines: [(product, qty)]; returns a confirmed (and reserved) delivery."""
        picking_type = cls.warehouse.out_type_id
        vals = {
            "picking_type_id": picking_type.id,
            "location_id": cls.stock.id,
            "location_dest_id": cls.customers.id,
            "partner_id": cls.partner.id,
            "origin": "S-BIN-TEST",
            "move_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "product_uom": product.uom_id.id,
                        "location_id": cls.stock.id,
                        "location_dest_id": cls.customers.id,
                    },
                )
                for product, qty in lines
            ],
        }
        if name:
            vals["name"] = name
        picking = cls.env["stock.picking"].create(vals)
        picking.action_confirm()
        if assign:
            picking.action_assign()
        return picking

    @classmethod
    def make_receipt(cls, lines):
        picking_type = cls.warehouse.in_type_id
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "location_id": cls.suppliers.id,
                "location_dest_id": cls.stock.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "location_id": cls.suppliers.id,
                            "location_dest_id": cls.stock.id,
                        },
                    )
                    for product, qty in lines
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        return picking
