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

    def test_vendor_sees_the_oms_apps_and_all_apps_one_click_away(self):
        self.assertEqual(
            self._root_menus(self.vendor),
            {"letzshop_oms.menu_oms_root", "mail.menu_root_discuss"},
        )
        oms = self._oms_menus(self.vendor)
        self.assertIn("menu_oms_show_all_apps", oms)
        self.assertNotIn("menu_oms_show_oms_apps", oms)

        # the menu entry "Show All Odoo Apps"
        action = self.env.ref("letzshop_oms.menu_oms_show_all_apps").action
        result = action.with_user(self.vendor).run()
        self.assertEqual(result["tag"], "reload")
        self.assertTrue(self.vendor.oms_show_all_apps)
        roots = self._root_menus(self.vendor)
        self.assertIn("letzshop_oms.menu_oms_root", roots)
        self.assertIn("sale.sale_menu_root", roots)
        self.assertIn("purchase.menu_purchase_root", roots)
        self.assertIn("stock.menu_stock_root", roots)
        oms = self._oms_menus(self.vendor)
        self.assertIn("menu_oms_show_oms_apps", oms)
        self.assertNotIn("menu_oms_show_all_apps", oms)

        # and back
        self.env["res.users"].with_user(self.vendor).action_oms_toggle_all_apps()
        self.assertFalse(self.vendor.oms_show_all_apps)
        self.assertEqual(
            self._root_menus(self.vendor),
            {"letzshop_oms.menu_oms_root", "mail.menu_root_discuss"},
        )

    def test_showing_all_apps_is_per_user(self):
        other_vendor = new_test_user(
            self.env,
            login="oms_test_vendor_2",
            groups="base.group_user,letzshop_oms.group_oms_vendor",
        )
        self.env["res.users"].with_user(self.vendor).action_oms_toggle_all_apps()
        self.assertIn("sale.sale_menu_root", self._root_menus(self.vendor))
        self.assertNotIn("sale.sale_menu_root", self._root_menus(other_vendor))

    def test_untrimmed_users_get_no_switch(self):
        admin = self.env.ref("base.user_admin")
        oms = self._oms_menus(admin)
        self.assertNotIn("menu_oms_show_all_apps", oms)
        self.assertNotIn("menu_oms_show_oms_apps", oms)

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
        home = self.env["res.users"].with_user(self.vendor).action_oms_home()
        self.assertEqual(home["tag"], "letzshop_oms.home")
        scan = self.env["res.users"].with_user(self.warehouse_user).action_oms_home()
        self.assertEqual(scan["tag"], "bin_locations.scan")
        close = self.env["res.users"].with_user(self.accountant).action_oms_home()
        self.assertEqual(close["res_model"], "lu.vat.return")
        # a user with several roles lands on the strongest one's home
        self.warehouse_user.group_ids += self.env.ref("letzshop_oms.group_oms_vendor")
        home = self.env["res.users"].with_user(self.warehouse_user).action_oms_home()
        self.assertEqual(home["tag"], "letzshop_oms.home")

    def test_user_without_oms_role_lands_on_sales_orders(self):
        salesman = new_test_user(
            self.env,
            login="oms_test_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        action = self.env["res.users"].with_user(salesman).action_oms_home()
        self.assertEqual(action["res_model"], "sale.order")
        self.assertIsNone(salesman._oms_allowed_root_menus(), "no trimming")
