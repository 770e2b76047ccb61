import threading

from odoo import api
from odoo.modules.registry import Registry
from odoo.orm.environments import Transaction
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError

from ..models.letzshop_importer import lock_key
from .fake_letzshop import FakeLetzshopServer

API_KEY = "concurrency-key"


@tagged("post_install", "-at_install")
class TestConcurrentImport(TransactionCase):
    """Two workers import the same shipments at the same moment, each with its own
    database cursor and transaction: one order per shipment, never two."""

    def setUp(self):
        super().setUp()
        self.server = FakeLetzshopServer(api_key=API_KEY).start()
        self.addCleanup(self.server.stop)
        self.registry = Registry(self.env.cr.dbname)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            product = env["product.product"].create(
                {
                    "name": "LZ concurrent",
                    "default_code": "LZ-CONC",
                    "is_storable": True,
                }
            )
            # a channel of its own: the committed clean-up deletes it, and an
            # account without one would reuse the database's "Letzshop" channel
            team = env["crm.team"].create({"name": "LZ concurrency channel"})
            account = env["letzshop.account"].create(
                {
                    "name": "LZ concurrency shop",
                    "endpoint": self.server.url,
                    "api_key": API_KEY,
                    "page_size": 5,
                    "team_id": team.id,
                }
            )
            self.account_id, self.product_id = account.id, product.id
            self.team_id, self.cron_id = account.team_id.id, account.cron_id.id
        self.addCleanup(self._cleanup)
        for index in range(12):
            self.server.store.add_shipment(
                [("LZ-CONC", None, 4.5, 2, "LZ concurrent")],
                email=f"lz-concurrent-{index}@example.com",
            )

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            shipments = env["letzshop.shipment"].search(
                [("account_id", "=", self.account_id)]
            )
            orders = shipments.sale_order_id
            partners = (
                orders.partner_id
                | orders.partner_shipping_id
                | orders.partner_invoice_id
            )
            orders.action_cancel()
            orders.unlink()
            shipments.unlink()
            account = env["letzshop.account"].browse(self.account_id)
            account.log_ids.unlink()
            account.message_ids.unlink()
            account.unlink()
            env["crm.team"].browse(self.team_id).unlink()
            env["product.product"].browse(self.product_id).unlink()
            partners.unlink()

    def test_lock_keys_are_64_bit(self):
        keys = {lock_key(self.account_id, n) for n in range(1000)}
        self.assertEqual(len(keys), 1000)
        self.assertTrue(any(abs(k) > 2**31 for k in keys))
        self.assertTrue(all(-(2**63) <= k < 2**63 for k in keys))

    def test_two_workers_one_order_per_shipment(self):
        barrier = threading.Barrier(2)
        errors = []

        def worker():
            try:
                with self.registry.cursor() as cr:
                    # Give the cursor its transaction directly: building it from
                    # the database name would wait for the registry lock, which
                    # the test runner holds.
                    cr.transaction = Transaction(self.registry)
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    account = env["letzshop.account"].browse(self.account_id)
                    cr.execute("SELECT 1")  # the transaction's snapshot starts here
                    barrier.wait(timeout=30)
                    account._letzshop_job_import()
            except Exception as exc:  # noqa: BLE001 (reported by the main thread)
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _i in range(2)]
        # a worker that loses a race may have a statement refused by a unique key,
        # which odoo.sql_db logs before the job turns it into a retry
        with mute_logger(
            "odoo.addons.letzshop_connector.models.letzshop_shipment", "odoo.sql_db"
        ):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        self.assertFalse(errors, errors)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            shipments = env["letzshop.shipment"].search(
                [("account_id", "=", self.account_id)]
            )
            self.assertEqual(len(shipments), 12)
            self.assertEqual(len(shipments.sale_order_id), 12)
            orders = env["sale.order"].search(
                [("letzshop_account_id", "=", self.account_id)]
            )
            self.assertEqual(len(orders), 12)
            logs = env["letzshop.sync.log"].search(
                [("account_id", "=", self.account_id), ("operation", "=", "import")]
            )
            self.assertEqual(sum(logs.mapped("imported")), 12)
            self.assertEqual(sum(logs.mapped("failed")), 0)
            self.assertEqual(
                sum(logs.mapped("skipped")) + sum(logs.mapped("imported")), 24
            )


@tagged("post_install", "-at_install")
class TestConcurrentCustomer(TransactionCase):
    """Two workers import, at the same moment, two orders of one new customer
    (e-mail in different case, two Letzshop accounts): one customer, not two."""

    EMAIL = "Same.Buyer@Example.com"

    def setUp(self):
        super().setUp()
        self.registry = Registry(self.env.cr.dbname)
        self.servers = []
        for _i in range(2):
            server = FakeLetzshopServer(api_key=API_KEY).start()
            self.addCleanup(server.stop)
            self.servers.append(server)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            # channels of their own, deleted by the committed clean-up (see above)
            teams = env["crm.team"].create(
                [{"name": f"LZ customer race channel {i}"} for i in range(2)]
            )
            accounts = env["letzshop.account"].create(
                [
                    {
                        "name": f"LZ customer race {i}",
                        "endpoint": server.url,
                        "api_key": API_KEY,
                        "team_id": team.id,
                    }
                    for i, (server, team) in enumerate(
                        zip(self.servers, teams, strict=True)
                    )
                ]
            )
            self.account_ids = accounts.ids
            self.team_ids = accounts.team_id.ids
        self.addCleanup(self._cleanup)
        for server, email in zip(
            self.servers, [self.EMAIL, self.EMAIL.upper()], strict=True
        ):
            server.store.add_shipment(
                [("LZ-RACE", None, 4.5, 1, "LZ race")], email=email
            )

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            accounts = env["letzshop.account"].browse(self.account_ids)
            orders = accounts.shipment_ids.sale_order_id
            partners = env["res.partner"].search(
                [("email_normalized", "=", self.EMAIL.lower())]
            )
            orders.action_cancel()
            orders.unlink()
            accounts.shipment_ids.unlink()
            accounts.log_ids.unlink()
            accounts.message_ids.unlink()
            accounts.unlink()
            env["crm.team"].browse(self.team_ids).exists().unlink()
            (partners | partners.child_ids).unlink()

    def _import(self, account_id, barrier=None):
        with self.registry.cursor() as cr:
            cr.transaction = Transaction(self.registry)
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cr.execute("SELECT 1")  # the transaction's snapshot starts here
            if barrier:
                barrier.wait(timeout=30)
            env["letzshop.account"].browse(account_id)._letzshop_job_import()

    def test_one_customer_for_two_workers(self):
        barrier = threading.Barrier(2)
        retried, errors = [], []

        def worker(account_id):
            try:
                self._import(account_id, barrier)
            except RetryableJobError:
                retried.append(account_id)
            except Exception as exc:  # noqa: BLE001 (reported by the main thread)
                errors.append(exc)

        threads = [
            threading.Thread(target=worker, args=(account_id,))
            for account_id in self.account_ids
        ]
        # the second worker's INSERT hits the unique key on purpose: PostgreSQL's
        # refusal is logged by odoo.sql_db before the importer turns it into a retry
        with mute_logger(
            "odoo.addons.letzshop_connector.models.letzshop_importer", "odoo.sql_db"
        ):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        self.assertFalse(errors, errors)
        self.assertEqual(len(retried), 1, "the second worker's job is retried")
        self._import(retried[0])  # queue_job's retry, with a fresh snapshot
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            accounts = env["letzshop.account"].browse(self.account_ids)
            orders = accounts.shipment_ids.sale_order_id
            self.assertEqual(len(orders), 2)
            self.assertEqual(len(orders.partner_id), 1)
            self.assertEqual(
                env["res.partner"].search_count(
                    [
                        ("email_normalized", "=", self.EMAIL.lower()),
                        ("parent_id", "=", False),
                    ]
                ),
                1,
            )
