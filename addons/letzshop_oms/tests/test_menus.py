from odoo.tests import new_test_user, tagged

from .common import OmsCommon


@tagged("post_install", "-at_install")
class TestMenus(OmsCommon):
    def _root_menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user)
        visible = menus.browse(menus._visible_menu_ids())
        return {
            menu.get_external_id()[menu.id] or menu.name
            # sudo: names and xml ids for the assertion, not what the user reads
            for menu in visible.sudo()
            if not menu.parent_id
        }

    def _oms_menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user)
        # sudo: xml ids for the assertion; the user's view is _visible_menu_ids
        visible = menus.browse(menus._visible_menu_ids()).sudo()
        return {
            xmlid.split(".", 1)[1]
            for xmlid in visible.get_external_id().values()
            if xmlid.startswith("letzshop_oms.")
        }

    def test_warehouse_sees_only_the_oms_and_inventory_apps(self):
        self.assertEqual(
            self._root_menus(self.warehouse_user),
            {"letzshop_oms.menu_oms_root", "stock.menu_stock_root"},
        )

    def test_accountant_sees_only_the_oms_and_invoicing_apps(self):
        self.assertEqual(
            self._root_menus(self.accountant),
            {"letzshop_oms.menu_oms_root", "account.menu_finance"},
        )

    def test_vendor_is_not_trimmed(self):
        roots = self._root_menus(self.vendor)
        self.assertIn("letzshop_oms.menu_oms_root", roots)
        self.assertIn("sale.sale_menu_root", roots)
        self.assertIn("purchase.menu_purchase_root", roots)
        self.assertIn("mail.menu_root_discuss", roots)

    def test_oms_sections_per_role(self):
        warehouse = self._oms_menus(self.warehouse_user)
        self.assertIn("menu_oms_deliveries", warehouse)
        self.assertIn("menu_oms_scan", warehouse)
        self.assertIn("menu_oms_atp", warehouse)
        self.assertIn("menu_oms_receipts", warehouse)
        self.assertIn("menu_oms_product_templates", warehouse)
        for hidden in (
            "menu_oms_sale_orders",
            "menu_oms_invoices",
            "menu_oms_customer_list",
            "menu_oms_letzshop_orders",
            "menu_oms_config_letzshop",
        ):
            self.assertNotIn(hidden, warehouse)

        accountant = self._oms_menus(self.accountant)
        self.assertIn("menu_oms_invoices", accountant)
        self.assertIn("menu_oms_report_sales", accountant)
        for hidden in (
            "menu_oms_deliveries",
            "menu_oms_config",
            "menu_oms_product_templates",
        ):
            self.assertNotIn(hidden, accountant)

        vendor = self._oms_menus(self.vendor)
        for section in (
            "menu_oms_orders",
            "menu_oms_products",
            "menu_oms_purchases",
            "menu_oms_customers",
            "menu_oms_invoicing",
            "menu_oms_reports",
            "menu_oms_config",
        ):
            self.assertIn(section, vendor)

    def test_home_action_per_role(self):
        expectations = {
            self.vendor: "sale.order",
            self.warehouse_user: "stock.picking",
            self.accountant: "account.move",
        }
        for user, model in expectations.items():
            with self.subTest(user=user.login):
                action = self.env["res.users"].with_user(user).action_oms_home()
                self.assertEqual(action["res_model"], model)

    def test_user_without_oms_role_lands_on_sales_orders(self):
        salesman = new_test_user(
            self.env,
            login="oms_test_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        action = self.env["res.users"].with_user(salesman).action_oms_home()
        self.assertEqual(action["res_model"], "sale.order")
        self.assertIsNone(salesman._oms_allowed_root_menus(), "no trimming")
