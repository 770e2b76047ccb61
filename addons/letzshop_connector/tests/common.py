from unittest.mock import patch

from odoo.tests import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.queue_job.controllers.main import RunJobController
from odoo.addons.queue_job.job import Job

from .fake_letzshop import FakeLetzshopServer

API_KEY = "test-key-0123456789"


class LetzshopCase(TransactionCase):
    """A real GraphQL server on 127.0.0.1 (graphql-core executing our SDL of
    Letzshop), three products and a Letzshop account pointing at the server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FakeLetzshopServer(api_key=API_KEY).start()
        cls.addClassCleanup(cls.server.stop)
        cls.store = cls.server.store
        cls.company = cls.env.company
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.tax = cls.env["account.tax"].create(
            {
                "name": "LZ test VAT 17%",
                "amount": 17.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "company_id": cls.company.id,
            }
        )
        Product = cls.env["product.product"]
        common = {
            "is_storable": True,
            "type": "consu",
            "taxes_id": [(6, 0, cls.tax.ids)],
        }
        cls.mug = Product.create(
            dict(
                common,
                name="LZ Mug",
                default_code="LZ-MUG",
                barcode="5901234123457",
                list_price=10,
            )
        )
        cls.tee = Product.create(
            dict(
                common,
                name="LZ Tee",
                default_code="LZ-TEE",
                barcode="4006381333931",
                list_price=20,
            )
        )
        cls.cap = Product.create(
            dict(common, name="LZ Cap", default_code="LZ-CAP", list_price=15)
        )
        # A sales channel of its own: without one the account would take the
        # database's "Letzshop" channel, whose stock buffer is another's business.
        cls.team = cls.env["crm.team"].create({"name": "LZ test channel"})
        cls.account = cls.env["letzshop.account"].create(
            {
                "name": "LZ test shop",
                "team_id": cls.team.id,
                "endpoint": cls.server.url,
                "api_key": API_KEY,
                "warehouse_id": cls.warehouse.id,
                "timeout": 5,
            }
        )

    def setUp(self):
        super().setUp()
        # Each test starts with an empty Letzshop and no queued faults.
        self.store.shipments.clear()
        self.server.faults.clear()
        self.server.requests.clear()

    # -- helpers ---------------------------------------------------------------------
    def add_shipment(self, lines, **kw):
        """lines: [(product or (sku, ean, name), qty, price)]"""
        rows = []
        for item, qty, price in lines:
            if isinstance(item, tuple):
                sku, ean, name = item
            else:
                sku, ean, name = item.default_code, item.barcode, item.name
            rows.append((sku, ean, price, qty, name))
        return self.store.add_shipment(rows, **kw)

    def import_now(self, account=None, states=None):
        account = account or self.account
        return account._letzshop_job_import(states=states)

    def order_of(self, shipment_dict, account=None):
        account = account or self.account
        binding = self.env["letzshop.shipment"].search(
            [("account_id", "=", account.id), ("letzshop_id", "=", shipment_dict["id"])]
        )
        return binding.sale_order_id

    def logs(self, account=None):
        account = account or self.account
        return self.env["letzshop.sync.log"].search([("account_id", "=", account.id)])

    def set_stock(self, product, qty):
        self.env["stock.quant"]._update_available_quantity(
            product, self.warehouse.lot_stock_id, qty
        )

    # -- jobs, run as queue_job's runner runs them ---------------------------------
    def run_job(self, job):
        """Run ``job`` (a queue_job Job) through queue_job's own runner code:
        a RetryableJobError postpones it, any other error marks it Failed and
        calls its on-fail hook. The runner's separate cursor is this test's one,
        and its final rollback is left out (the job's savepoint already undid
        the job's work)."""
        with (
            patch.object(Job, "in_temporary_env") as temp_env,
            patch.object(self.env.cr, "rollback", lambda: None),
            mute_logger("odoo.addons.queue_job.controllers.main"),
        ):
            temp_env.return_value.__enter__.return_value = job.env
            try:
                RunJobController._runjob(job.env, job)
            except Exception:  # noqa: BLE001 (the job records it: state failed)
                self.assertEqual(job.state, "failed")
        return job

    def queued_jobs(self, method):
        records = self.env["queue.job"].search(
            [("method_name", "=", method), ("state", "=", "pending")]
        )
        return [Job.load(self.env, record.uuid) for record in records]

    def run_queued(self, method):
        """Run every pending job of ``method``; the jobs, run."""
        return [self.run_job(job) for job in self.queued_jobs(method)]
