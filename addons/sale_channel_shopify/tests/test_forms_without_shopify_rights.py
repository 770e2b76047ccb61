# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFormsWithoutShopifyRights(TransactionCase):
    """Installing Shopify must not lock anyone else out of orders and deliveries:
    shopify_connector puts its bindings on both forms, readable by Shopify
    managers only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Form customer"})
        cls.product = cls.env["product.product"].create(
            {"name": "Form product", "is_storable": True}
        )
        cls.salesman = new_test_user(
            cls.env, login="shp_form_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.salesman.id,  # a salesman reads their own orders
                "order_line": [(0, 0, {"product_id": cls.product.id})],
            }
        )
        cls.order.action_confirm()

    def test_salesman_opens_an_order(self):
        salesman = self.salesman
        with Form(self.order.with_user(salesman)) as form:
            self.assertEqual(form.partner_id, self.customer)
        arch = self.order.with_user(salesman).get_views([(False, "form")])
        self.assertNotIn("shopify_binding_ids", arch["views"]["form"]["arch"])

    def test_warehouse_opens_a_delivery(self):
        picker = new_test_user(
            self.env, login="shp_form_picker", groups="stock.group_stock_user"
        )
        picking = self.order.picking_ids.with_user(picker)
        with Form(picking) as form:
            self.assertEqual(form.partner_id, self.customer)

    def test_shopify_manager_still_sees_the_bindings(self):
        manager = new_test_user(
            self.env,
            login="shp_form_manager",
            groups="sales_team.group_sale_salesman,"
            "shopify_connector.group_shopify_manager",
        )
        arch = self.order.with_user(manager).get_views([(False, "form")])
        self.assertIn("shopify_binding_ids", arch["views"]["form"]["arch"])
