# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import Command
from odoo.tests import TransactionCase


class FulfillmentCase(TransactionCase):
    """A seller's own warehouse priced by one card (EUR), two products, one
    rule-based carrier and one sales channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.eur = cls.company.currency_id
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        # The seller's own cards for its warehouse (a demo seller's) are put
        # aside: one card at a time per provider, and the costs below are this
        # card's.
        cls.env["fulfillment.rate.card"].search(
            [
                ("company_id", "=", cls.company.id),
                ("provider_id", "=", cls.company.partner_id.id),
                ("client_id", "=", False),
            ]
        ).active = False
        cls.card = cls.env["fulfillment.rate.card"].create(
            {
                "name": "Own warehouse 2026",
                "currency_id": cls.eur.id,
                "provider_id": cls.company.partner_id.id,
                "date_from": "2026-01-01",
                "order_base": 1.00,
                "first_unit": 0.50,
                "additional_unit": 0.25,
                "additional_sku": 0.10,
                "insert_price": 0.05,
                "return_base": 2.00,
                "return_first_item": 0.50,
                "return_additional_item": 0.50,
                "return_inspection_unit": 1.00,
                "fuel_surcharge_pct": 10.0,
                "dim_divisor": 5000,
                "rule_ids": [
                    Command.create(
                        {
                            "kind": "box",
                            "name": "Small box",
                            "code": "S",
                            "box_length": 30,
                            "box_width": 20,
                            "box_height": 10,
                            "price": 0.40,
                        }
                    ),
                    Command.create(
                        {
                            "kind": "box",
                            "name": "Medium box",
                            "code": "M",
                            "box_length": 40,
                            "box_width": 30,
                            "box_height": 20,
                            "price": 0.80,
                        }
                    ),
                ],
            }
        )
        delivery_product = cls.env["product.product"].create(
            {"name": "Parcel", "type": "service"}
        )
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Parcel by weight",
                "delivery_type": "base_on_rule",
                "product_id": delivery_product.id,
                "price_rule_ids": [
                    Command.create(
                        {
                            "variable": "weight",
                            "operator": "<=",
                            "max_value": 5,
                            "list_base_price": 5.0,
                        }
                    ),
                    Command.create(
                        {
                            "variable": "weight",
                            "operator": "<=",
                            "max_value": 30,
                            "list_base_price": 9.0,
                        }
                    ),
                ],
            }
        )
        cls.product_a = cls.env["product.product"].create(
            {
                "name": "Mug",
                "is_storable": True,
                "weight": 0.5,
                "volume": 0.001,
                "standard_price": 4.0,
                "list_price": 20.0,
            }
        )
        cls.product_b = cls.env["product.product"].create(
            {
                "name": "Teapot",
                "is_storable": True,
                "weight": 1.0,
                "volume": 0.002,
                "standard_price": 10.0,
                "list_price": 30.0,
            }
        )
        for product in cls.product_a | cls.product_b:
            cls.env["stock.quant"]._update_available_quantity(product, cls.stock, 100)
        cls.team = cls.env["crm.team"].create({"name": "Letzshop"})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Anne Schmit", "country_id": cls.env.ref("base.lu").id}
        )

    @classmethod
    def _order(cls, qty_a=2, qty_b=1, **extra):
        lines = []
        if qty_a:
            lines.append(
                Command.create(
                    {
                        "product_id": cls.product_a.id,
                        "product_uom_qty": qty_a,
                        "price_unit": 20,
                    }
                )
            )
        if qty_b:
            lines.append(
                Command.create(
                    {
                        "product_id": cls.product_b.id,
                        "product_uom_qty": qty_b,
                        "price_unit": 30,
                    }
                )
            )
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "team_id": cls.team.id,
                "carrier_id": cls.carrier.id,
                "order_line": lines,
                **extra,
            }
        )

    @classmethod
    def _deliver(cls, picking):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        return picking

    @classmethod
    def _return(cls, picking, product, qty):
        wizard = (
            cls.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        for line in wizard.product_return_moves:
            line.quantity = qty if line.product_id == product else 0
        action = wizard.action_create_returns()
        returned = cls.env["stock.picking"].browse(action["res_id"])
        return cls._deliver(returned)

    def _lines(self, order, **filters):
        lines = order.sudo().fulfillment_cost_line_ids
        for name, value in filters.items():
            lines = lines.filtered(lambda line, n=name, v=value: line[n] == v)
        return lines
