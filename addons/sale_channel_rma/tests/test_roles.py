# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .common import RmaCommon


@tagged("post_install", "-at_install")
class TestRoles(RmaCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_rma()
        common = {"company_id": cls.company.id}
        cls.vendor = new_test_user(
            cls.env,
            login="rma_vendor",
            groups="sales_team.group_sale_manager,stock.group_stock_manager,"
            "account.group_account_invoice",
            **common,
        )
        cls.worker = new_test_user(
            cls.env, login="rma_wh", groups="stock.group_stock_user", **common
        )
        cls.accountant = new_test_user(
            cls.env,
            login="rma_accountant",
            groups="account.group_account_manager",
            **common,
        )
        cls.portal = new_test_user(
            cls.env, login="rma_portal", groups="base.group_portal", **common
        )
        cls.portal.partner_id = cls.other_customer

    def test_vendor_registers_from_the_order_and_refunds(self):
        order = self._delivered_order(self.customer)
        invoice = self._invoice(order, self.today)
        action = order.with_user(self.vendor).action_create_rma()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.vendor)
            .browse(action["res_id"])
        )
        with Form(wizard) as form:
            form.operation_id = self.env.ref("rma.rma_operation_refund")
            with form.line_ids.edit(0) as line:
                line.quantity = 1
                line.picking_id = order.picking_ids
        result = wizard.create_and_open_rma()
        rma = self.env["rma"].browse(result["res_id"])
        self.assertEqual(rma.order_id, order)
        self.assertEqual(rma.state, "confirmed")
        self.assertEqual(rma.channel_id, self.channel)
        self._receive(rma.with_user(self.worker))
        # the warehouse received it but may not refund
        with self.assertRaises(AccessError):
            rma.with_user(self.worker).action_refund()
        # nor may the accountant decide it
        with self.assertRaises(AccessError):
            rma.with_user(self.accountant).action_refund()
        self.assertFalse(rma.refund_id)
        rma.with_user(self.vendor).action_refund()
        self.assertEqual(rma.state, "refunded")
        self.assertEqual(rma.refund_id.reversed_entry_id, invoice)
        # the accountant sees the credit note
        refund = rma.refund_id.with_user(self.accountant)
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.amount_untaxed, 20.0)

    def test_warehouse_cannot_exchange(self):
        order = self._delivered_order(self.customer)
        rma = self._rma_for(order, operation="rma.rma_operation_replace")
        self._receive(rma)
        with self.assertRaises(AccessError):
            rma.with_user(self.worker).action_replace()

    def test_portal_sees_only_own_returns(self):
        mine = self._rma_for(self._delivered_order(self.other_customer))
        theirs = self._rma_for(self._delivered_order(self.customer))
        visible = self.env["rma"].with_user(self.portal).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal).read(["name"])

    def test_return_report_for_vendor_only(self):
        order = self._delivered_order(self.customer, qty=4)
        self._rma_for(order, qty=1)
        self.env.flush_all()
        Report = self.env["sale.channel.rma.report"]
        row = Report.with_user(self.vendor).search(
            [("product_id", "=", self.product.id), ("team_id", "=", self.channel.id)]
        )
        self.assertEqual(row.sold_qty, 4)
        self.assertEqual(row.returned_qty, 1)
        self.assertAlmostEqual(row.return_rate, 25.0)
        with self.assertRaises(AccessError):
            Report.with_user(self.worker).search([])
