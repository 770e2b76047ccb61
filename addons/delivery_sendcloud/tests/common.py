# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase

from .fake_sendcloud import FakeSendcloudServer

PUBLIC_KEY = "pk-test-0123"
SECRET_KEY = "sk-test-4567"


class SendcloudCase(TransactionCase):
    """A fake Sendcloud on 127.0.0.1, a warehouse in Luxembourg, a customer in
    France, two products with weights and a Sendcloud carrier in production."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FakeSendcloudServer(
            public_key=PUBLIC_KEY, secret_key=SECRET_KEY
        ).start()
        cls.addClassCleanup(cls.server.stop)
        cls.company = cls.env.company
        cls.lu = cls.env.ref("base.lu")
        cls.fr = cls.env.ref("base.fr")
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.warehouse.partner_id = cls.env["res.partner"].create(
            {
                "name": "SC Warehouse",
                "is_company": True,
                "street": "2 rue du Dépôt",
                "zip": "L-3895",
                "city": "Foetz",
                "country_id": cls.lu.id,
                "email": "shipping@example.lu",
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Claire Martin",
                "street": "12 rue de la Paix",
                "zip": "75002",
                "city": "Paris",
                "country_id": cls.fr.id,
                "email": "claire@example.fr",
                "phone": "+33 1 23 45 67 89",
            }
        )
        Product = cls.env["product.product"]
        cls.mug = Product.create(
            {
                "name": "SC Mug",
                "default_code": "SC-MUG",
                "type": "consu",
                "is_storable": True,
                "weight": 0.5,
                "list_price": 12.0,
                "taxes_id": [(5, 0, 0)],
            }
        )
        cls.lamp = Product.create(
            {
                "name": "SC Lamp",
                "default_code": "SC-LAMP",
                "type": "consu",
                "is_storable": True,
                "weight": 2.0,
                "list_price": 40.0,
                "taxes_id": [(5, 0, 0)],
            }
        )
        for product in (cls.mug, cls.lamp):
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.warehouse.lot_stock_id, 100
            )
        cls.box = cls.env["stock.package.type"].create(
            {
                "name": "SC Box 40x30x20",
                "packaging_length": 400,
                "width": 300,
                "height": 200,
            }
        )
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "SC PostNL",
                "delivery_type": "sendcloud",
                "product_id": Product.create(
                    {"name": "SC Shipping", "type": "service", "taxes_id": [(5, 0, 0)]}
                ).id,
                "sendcloud_shipping_option_code": "postnl:standard",
                "sendcloud_default_package_type_id": cls.box.id,
                "sendcloud_endpoint": cls.server.url,
                "sendcloud_public_key": PUBLIC_KEY,
                "sendcloud_secret_key": SECRET_KEY,
                "sendcloud_timeout": 2,
                "prod_environment": True,
            }
        )
        cls.warehouse.out_type_id.print_label = True

    def setUp(self):
        super().setUp()
        self.server.reset()

    @classmethod
    def make_order(cls, lines):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )

    @classmethod
    def make_picking(cls, lines, **vals):
        """A ready delivery of ``lines`` with the Sendcloud carrier."""
        picking = cls.env["stock.picking"].create(
            dict(
                {
                    "picking_type_id": cls.warehouse.out_type_id.id,
                    "partner_id": cls.customer.id,
                    "carrier_id": cls.carrier.id,
                    "location_id": cls.warehouse.lot_stock_id.id,
                    "location_dest_id": cls.env.ref(
                        "stock.stock_location_customers"
                    ).id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "product_uom": product.uom_id.id,
                                "location_id": cls.warehouse.lot_stock_id.id,
                                "location_dest_id": cls.env.ref(
                                    "stock.stock_location_customers"
                                ).id,
                            },
                        )
                        for product, qty in lines
                    ],
                },
                **vals,
            )
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.picked = True
        return picking

    def labels_of(self, picking):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", "stock.picking"),
                ("res_id", "=", picking.id),
                ("mimetype", "=", "application/pdf"),
            ]
        )
