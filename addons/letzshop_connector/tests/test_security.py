from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import LetzshopCase


@tagged("post_install", "-at_install")
class TestSecurity(LetzshopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = new_test_user(
            cls.env,
            "lz_vendor",
            groups="sales_team.group_sale_manager,stock.group_stock_manager",
        )
        cls.picker = new_test_user(
            cls.env, "lz_picker2", groups="stock.group_stock_user"
        )
        cls.accountant = new_test_user(
            cls.env, "lz_accountant", groups="account.group_account_manager"
        )
        cls.admin = new_test_user(
            cls.env,
            "lz_admin",
            groups="base.group_system,sales_team.group_sale_manager",
        )

    def test_only_system_admin_reads_the_key(self):
        account = self.account.with_user(self.vendor)
        self.assertEqual(account.name, "LZ test shop")
        self.assertTrue(account.has_api_key)
        with self.assertRaises(AccessError):
            account.read(["api_key"])
        with self.assertRaises(AccessError):
            account.write({"api_key": "stolen"})
        self.assertNotIn("api_key", account.fields_get())
        self.assertEqual(
            self.account.with_user(self.admin).api_key, "test-key-0123456789"
        )

    def test_vendor_imports_with_the_key_without_reading_it(self):
        shipment = self.add_shipment([(self.mug, 1, 11.7)])
        self.account.with_user(self.vendor)._letzshop_job_import()
        self.assertTrue(self.order_of(shipment))

    def test_warehouse_sees_no_letzshop_data(self):
        with self.assertRaises(AccessError):
            self.account.with_user(self.picker).read(["name"])
        with self.assertRaises(AccessError):
            self.env["letzshop.shipment"].with_user(self.picker).search([])

    def test_accountant_cannot_change_settings(self):
        account = self.account.with_user(self.accountant)
        account.read(["name"])
        with self.assertRaises(AccessError):
            account.write({"endpoint": "https://evil.example/graphql"})
        with self.assertRaises(AccessError):
            account.action_regenerate_feed_token()

    def test_other_company_accounts_are_hidden(self):
        other = self.env["res.company"].create({"name": "LZ other company"})
        foreign = self.env["letzshop.account"].create(
            {
                "name": "LZ foreign",
                "company_id": other.id,
                "endpoint": "http://127.0.0.1:9/graphql",
                "warehouse_id": self.env["stock.warehouse"]
                .search([("company_id", "=", other.id)], limit=1)
                .id,
            }
        )
        visible = self.env["letzshop.account"].with_user(self.vendor).search([])
        self.assertIn(self.account, visible)
        self.assertNotIn(foreign, visible)

    def test_cron_per_account(self):
        cron = self.account.cron_id
        self.assertTrue(cron)
        self.assertEqual((cron.interval_number, cron.interval_type), (5, "minutes"))
        self.account.sync_interval = 15
        self.assertEqual(cron.interval_number, 15)
        # the scheduled action queues the import: catch-up states the first time
        with trap_jobs() as trap:
            cron.ir_actions_server_id.run()
            trap.assert_enqueued_job(
                self.account._letzshop_job_import,
                kwargs={"states": ["unconfirmed", "confirmed", "declined"]},
            )
        self.account.catch_up_done = True
        with trap_jobs() as trap:
            cron.ir_actions_server_id.run()
            trap.assert_enqueued_job(
                self.account._letzshop_job_import,
                kwargs={"states": None},
                properties={"channel": "root.letzshop"},
            )
        self.account.active = False
        self.assertFalse(cron.active)
