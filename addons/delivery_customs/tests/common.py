# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import Command
from odoo.tests import TransactionCase


class CustomsCase(TransactionCase):
    """A Luxembourg seller with a postal carrier (POST Luxembourg's limits) and a
    courier, products with and without customs data, customers in and out of the
    EU customs territory and VAT area."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        country = cls.env["res.country"]
        cls.lu = country.search([("code", "=", "LU")])
        cls.no = country.search([("code", "=", "NO")])
        cls.fr = country.search([("code", "=", "FR")])
        cls.es = country.search([("code", "=", "ES")])
        cls.cn = country.search([("code", "=", "CN")])
        cls.pt = country.search([("code", "=", "PT")])
        cls.company.write(
            {
                "name": "Boutique Mersch SARL",
                "street": "12 rue de la Gare",
                "zip": "L-7535",
                "city": "Mersch",
                "country_id": cls.lu.id,
                "vat": "LU26375245",
                "customs_eori": "LU2637524500000",
            }
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.warehouse.partner_id = cls.company.partner_id
        cls.eur = cls.env.ref("base.EUR")
        cls.post = cls._carrier("POST Luxembourg", "postal")
        cls.courier = cls._carrier("Express Courier", "commercial_invoice")
        cls.mug = cls._product("Enamel mug", 12.0, 0.3, "6912.00", cls.pt)
        cls.lamp = cls._product("Desk lamp", 180.0, 2.5, "9405.21.00", cls.cn)
        cls.poster = cls._product("Art poster", 25.0, 0.2, False, False)
        cls.scarf = cls._product("Wool scarf", 40.0, 0.2, "6117", cls.pt)
        cls.oslo = cls._partner("Kari Nordmann", cls.no, "0150", "Oslo")
        cls.paris = cls._partner("Claire Martin", cls.fr, "75001", "Paris")
        cls.las_palmas = cls._partner(
            "Ana Suárez", cls.es, "35001", "Las Palmas de Gran Canaria"
        )

    @classmethod
    def _carrier(cls, name, document):
        product = cls.env["product.product"].create(
            {"name": f"{name} shipping", "type": "service"}
        )
        return cls.env["delivery.carrier"].create(
            {
                "name": name,
                "delivery_type": "fixed",
                "fixed_price": 8.0,
                "product_id": product.id,
                "customs_document_type": document,
            }
        )

    @classmethod
    def _product(cls, name, price, weight, hs_code, origin):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "list_price": price,
                "weight": weight,
                "hs_code": hs_code,
                "country_of_origin": origin.id if origin else False,
            }
        )

    @classmethod
    def _partner(cls, name, country, zip_code, city):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "street": "1 Main Street",
                "zip": zip_code,
                "city": city,
                "country_id": country.id,
            }
        )

    def _delivery(self, partner, lines, carrier=None):
        """An outgoing delivery from the warehouse, ``lines`` = [(product, qty)]."""
        picking_type = self.warehouse.out_type_id
        picking = self.env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": picking_type.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "carrier_id": (carrier or self.post).id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "location_id": picking_type.default_location_src_id.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        }
                    )
                    for product, qty in lines
                ],
            }
        )
        picking.action_confirm()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        return picking

    def _attachments(self, picking):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "stock.picking"), ("res_id", "=", picking.id)]
        )
