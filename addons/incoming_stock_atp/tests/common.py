# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo import Command, fields
from odoo.tests import TransactionCase


class AtpCommon(TransactionCase):
    """Two warehouses of our own, storable products, a supplier and a customer.

    Every figure is scoped to these records, so the demo data of the database
    does not matter. Dates are relative to today (UTC) so that moves are open,
    dated scenarios.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tz="UTC", tracking_disable=True)
        )
        cls.env.user.tz = "UTC"
        cls.company = cls.env.company
        cls.today = fields.Date.context_today(cls.env.user)
        Warehouse = cls.env["stock.warehouse"]
        cls.wh_a = Warehouse.create({"name": "ATP Warehouse A", "code": "ATPA"})
        cls.wh_b = Warehouse.create({"name": "ATP Warehouse B", "code": "ATPB"})
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.uom_dozen = cls.env.ref("uom.product_uom_dozen")
        cls.product = cls._create_product("ATP Chair")
        cls.product_2 = cls._create_product("ATP Table")
        cls.supplier = cls.env["res.partner"].create({"name": "ATP Supplier"})
        cls.customer = cls.env["res.partner"].create({"name": "ATP Customer"})

    @classmethod
    def _create_product(cls, name, **values):
        return cls.env["product.product"].create(
            dict(
                {
                    "name": name,
                    "is_storable": True,
                    "type": "consu",
                    "uom_id": cls.uom_unit.id,
                    "sale_delay": 0,
                },
                **values,
            )
        )

    @classmethod
    def _day(cls, days):
        return cls.today + datetime.timedelta(days=days)

    @classmethod
    def _datetime(cls, days, hour=12):
        return datetime.datetime.combine(cls._day(days), datetime.time(hour, 0))

    @classmethod
    def _set_stock(cls, product, quantity, warehouse=None):
        warehouse = warehouse or cls.wh_a
        cls.env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, quantity
        )

    @classmethod
    def _purchase(cls, lines, warehouse=None, confirm=True):
        """``lines``: list of ``(product, qty, days from today[, uom])``."""
        warehouse = warehouse or cls.wh_a
        order = cls.env["purchase.order"].create(
            {
                "partner_id": cls.supplier.id,
                "picking_type_id": warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": line[0].id,
                            "product_qty": line[1],
                            "product_uom_id": (
                                line[3] if len(line) > 3 else line[0].uom_id
                            ).id,
                            "price_unit": 10.0,
                            "date_planned": cls._datetime(line[2]),
                        }
                    )
                    for line in lines
                ],
            }
        )
        if confirm:
            order.button_confirm()
        return order

    @classmethod
    def _sell(cls, lines, days, warehouse=None, confirm=True):
        """``lines``: list of ``(product, qty[, uom])``; delivery in ``days``."""
        warehouse = warehouse or cls.wh_a
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "warehouse_id": warehouse.id,
                "commitment_date": cls._datetime(days),
                "order_line": [
                    Command.create(
                        {
                            "product_id": line[0].id,
                            "product_uom_qty": line[1],
                            "product_uom_id": (
                                line[2] if len(line) > 2 else line[0].uom_id
                            ).id,
                        }
                    )
                    for line in lines
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order
