# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ImportCase
from .files import shopify_csv, shopify_rows


@tagged("post_install", "-at_install")
class TestSecurity(ImportCase):
    def file(self):
        return shopify_csv(shopify_rows("#1", [(1, "Mug", "11.70", "MUG-1")]))

    def test_salesman_previews_but_does_not_import(self):
        wizard = self.wizard(self.file(), user=self.salesman)
        wizard.action_preview()
        self.assertEqual((wizard.order_count, wizard.error_count), (1, 0))
        with self.assertRaisesRegex(AccessError, "Only sales managers"):
            wizard.action_import()
        self.assertFalse(self.env["sale.channel.order.binding"].search([]))
        with self.assertRaises(AccessError):
            self.env["sale.channel.column.map"].with_user(self.salesman).create(
                {"team_id": self.team.id, "col_order_ref": "Ref"}
            )

    def test_warehouse_user_is_refused(self):
        # A warehouse worker is an employee without sales rights (plus Inventory's
        # group when the stock app is installed: this addon does not need it).
        groups = "base.group_user"
        if self.env.ref("stock.group_stock_user", raise_if_not_found=False):
            groups += ",stock.group_stock_user"
        stock_user = new_test_user(self.env, login="chimport_stock", groups=groups)
        with self.assertRaises(AccessError):
            self.wizard(self.file(), user=stock_user)
        with self.assertRaises(AccessError):
            self.env["sale.channel.order.binding"].with_user(stock_user).search([])


@tagged("post_install", "-at_install")
class TestLanguage(ImportCase):
    def test_a_french_user_reads_the_problems_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["sale_channel_order_import"], ["fr_FR"], overwrite=True
        )
        self.manager.lang = "fr_FR"
        data = shopify_csv(
            shopify_rows("#1", [("deux", "Mug", "11.70", "MUG-1")], created="hier")
        )
        wizard = self.wizard(data)
        wizard.action_preview()
        self.assertEqual(
            wizard.message_ids.mapped("message"),
            [
                "La date hier ne peut pas être lue.",
                "Quantité : deux n'est pas un nombre.",
            ],
        )


@tagged("post_install", "-at_install")
class TestCompanies(ImportCase):
    def test_orders_imported_for_another_company_are_not_seen(self):
        other = self.env["res.company"].create({"name": "Other shop company"})
        other_team = self.env["crm.team"].create(
            {"name": "Other shop", "company_id": other.id}
        )
        Binding = self.env["sale.channel.order.binding"]
        mine = Binding.create(
            {"team_id": self.team.id, "company_id": self.company.id, "external_id": "1"}
        )
        Binding.create(
            {"team_id": other_team.id, "company_id": other.id, "external_id": "1"}
        )
        self.assertEqual(Binding.with_user(self.manager).search([]), mine)
