from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.sale_channel_order_import.tests.common import ImportCase
from odoo.addons.sale_channel_order_import.tests.files import (
    shopify_csv,
    shopify_rows,
)


@tagged("post_install", "-at_install")
class TestPlanFileImport(ImportCase):
    """Orders of a file beyond the plan's orders per month are imported and
    held, with the reason on the order, until the plan has room."""

    def import_two_over_a_plan_of_one(self):
        used = self.company._oms_usage()["oms_usage_orders_month"]
        self.company.oms_plan_id = self.env["letzshop.oms.plan"].create(
            {"name": "Small Plan", "max_orders_month": used + 1}
        )
        data = shopify_csv(
            shopify_rows("#P1", [(1, "Mug", "11.70", "MUG-1")], order_id="801"),
            shopify_rows("#P2", [(1, "Mug", "11.70", "MUG-1")], order_id="802"),
        )
        wizard = self.wizard(data)
        wizard.action_import()
        return wizard.sale_order_ids.sorted("client_order_ref")

    def test_plan_removed_releases_held_orders(self):
        held = self.import_two_over_a_plan_of_one()[1]
        self.assertTrue(held.oms_plan_held)
        self.company.oms_plan_id = False
        self.assertFalse(held.oms_plan_held_reason)
        held.with_user(self.manager).action_confirm()
        self.assertFalse(held.oms_plan_held)

    def test_orders_over_the_limit_imported_and_held(self):
        orders = self.import_two_over_a_plan_of_one()
        self.assertEqual(orders.mapped("client_order_ref"), ["#P1", "#P2"])
        kept, held = orders
        self.assertFalse(kept.oms_plan_held)
        self.assertTrue(held.oms_plan_held)
        self.assertIn("the plan Small Plan allows", held.oms_plan_held_reason)
        self.assertFalse(kept.oms_plan_held_reason)
        self.assertIn(
            held,
            self.env["sale.order"].search([("oms_plan_held", "=", True)]),
        )
        kept.action_confirm()
        with self.assertRaisesRegex(UserError, r"are held: .*Small Plan allows"):
            held.with_user(self.manager).action_confirm()
        self.assertEqual(held.state, "draft")
        # a new month releases it
        next_month = fields.Date.today().replace(day=1) + relativedelta(months=1)
        with freeze_time(next_month):
            held.with_user(self.manager).action_confirm()
        self.assertFalse(held.oms_plan_held)
        self.assertEqual(held.state, "sale")
