from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class OmsCommon(BaseCommon):
    """One user per OMS role and one of each document the roles work on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = new_test_user(
            cls.env,
            login="oms_test_vendor",
            groups="base.group_user,letzshop_oms.group_oms_vendor",
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="oms_test_warehouse",
            groups="base.group_user,letzshop_oms.group_oms_warehouse",
        )
        cls.accountant = new_test_user(
            cls.env,
            login="oms_test_accountant",
            groups="base.group_user,letzshop_oms.group_oms_accountant",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "OMS Test Customer", "email": "oms.test.customer@example.com"}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "OMS Test Customer Without Orders"}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "OMS Test Product",
                "is_storable": True,
                "list_price": 25.0,
                "barcode": "5400000000012",
                "default_code": "OMS-TEST-1",
            }
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, 10
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 2})
                ],
            }
        )
        cls.order.action_confirm()
        cls.picking = cls.order.picking_ids
        cls.invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.product.id, "quantity": 1, "price_unit": 25}
                    )
                ],
            }
        )
