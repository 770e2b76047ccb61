# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AtpCommon


@tagged("post_install", "-at_install")
class TestSecurity(AtpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {"name": "ATP Web Shop", "atp_warehouse_id": cls.wh_a.id}
        )
        cls.vendor = new_test_user(
            cls.env,
            "atp_vendor",
            groups="sales_team.group_sale_manager,stock.group_stock_manager,"
            "purchase.group_purchase_manager",
        )
        cls.salesman = new_test_user(
            cls.env, "atp_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.warehouse_user = new_test_user(
            cls.env, "atp_warehouse", groups="stock.group_stock_user"
        )
        cls.portal = new_test_user(cls.env, "atp_portal", groups="base.group_portal")

    def test_vendor_edits_channel_buffer(self):
        self.team.with_user(self.vendor).write({"atp_buffer_qty": 2})
        self.assertEqual(self.team.atp_buffer_qty, 2)

    def test_salesman_and_warehouse_cannot_edit_buffer(self):
        for user in (self.salesman, self.warehouse_user):
            with self.assertRaises(AccessError):
                self.team.with_user(user).write({"atp_buffer_qty": 2})

    def test_integrator_reads_publishable_portal_refused(self):
        self._set_stock(self.product, 3)
        result = self.team.with_user(self.salesman).get_publishable_quantities(
            [self.product.id]
        )
        self.assertEqual(result, [{"product_id": self.product.id, "qty": 3.0}])
        with self.assertRaises(AccessError):
            self.team.with_user(self.portal).get_publishable_quantities(
                [self.product.id]
            )
        with self.assertRaises(AccessError):
            self.team.with_user(self.portal).get_publishable_changed_since(
                "2026-01-01 00:00:00"
            )

    def test_warehouse_user_sees_timeline(self):
        self._set_stock(self.product, 3)
        wizard = (
            self.env["incoming.stock.atp.timeline"]
            .with_user(self.warehouse_user)
            .create({"product_id": self.product.id, "warehouse_id": self.wh_a.id})
        )
        self.assertEqual(wizard.line_ids[0].projected, 3)
        self.assertEqual(self.product.with_user(self.warehouse_user).atp_on_hand, 3)

    def test_portal_cannot_open_timeline(self):
        with self.assertRaises(AccessError):
            self.env["incoming.stock.atp.timeline"].with_user(self.portal).create(
                {"product_id": self.product.id}
            )
