import json
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from ..models.letzshop_account import MAX_ATTEMPTS
from .common import LetzshopCase


@tagged("post_install", "-at_install")
class TestFaults(LetzshopCase):
    """Faults go through queue_job's own mechanism: retried jobs stay pending
    with a later date, jobs that fail for good show as Failed, can be requeued,
    and the vendor is told."""

    def _run_import(self, *faults, retry=0):
        self.server.faults.extend(faults)
        job = self.account._letzshop_enqueue_import()
        job.retry = retry
        return self.run_job(job)

    def _assert_told(self, text):
        activity = self.account.activity_ids
        self.assertEqual(activity.user_id, self.account.user_id)
        self.assertIn(text, activity.note)
        # the key itself never appears in what the vendor reads
        self.assertNotIn("test-key", str(self.logs().mapped("message")) + activity.note)

    def test_401_fails_the_job_flags_account_and_tells_vendor(self):
        self.add_shipment([(self.mug, 1, 11.7)])
        self.account.state = "ok"
        job = self._run_import({"status": 401, "body": "nope"})
        self.assertEqual(job.db_record().state, "failed")
        self.assertIn("refused the API key", job.db_record().exc_message)
        self.assertEqual(self.account.state, "auth_error")
        self.assertEqual(self.logs()[0].state, "auth_error")
        self._assert_told("API Key")

    def test_403_is_an_auth_error_too(self):
        job = self._run_import({"status": 403})
        self.assertEqual(job.db_record().state, "failed")
        self.assertEqual(self.account.state, "auth_error")

    def test_wrong_key(self):
        self.account.api_key = "wrong"
        job = self._run_import()
        self.assertEqual(job.db_record().state, "failed")
        self.assertEqual(self.account.state, "auth_error")

    def test_429_is_retried_after_retry_after(self):
        before = fields.Datetime.now()
        job = self._run_import({"status": 429, "headers": {"Retry-After": "120"}})
        record = job.db_record()
        self.assertEqual((record.state, record.retry), ("pending", 1))
        self.assertGreaterEqual(record.eta, before + timedelta(seconds=119))
        self.assertLessEqual(record.eta, fields.Datetime.now() + timedelta(seconds=121))
        self.assertIn("429", record.result)

    def test_500_is_retried_with_backoff_then_imports_everything(self):
        self.account.page_size = 1
        first = self.add_shipment([(self.mug, 1, 11.7)])
        second = self.add_shipment([(self.tee, 1, 23.4)])
        # page 1 answers, page 2 fails: the run is undone and retried later
        self.server.faults.extend(
            [{}, {"status": 502, "body": "<html>bad gateway</html>"}]
        )
        before = fields.Datetime.now()
        job = self.run_job(self.account._letzshop_enqueue_import())
        record = job.db_record()
        self.assertEqual(record.state, "pending")
        self.assertGreaterEqual(record.eta, before + timedelta(seconds=59))
        self.assertFalse(self.order_of(first), "the failed run is rolled back")
        self.run_job(job)
        self.assertEqual(record.state, "done")
        self.assertTrue(self.order_of(first))
        self.assertTrue(self.order_of(second))
        self.assertEqual(self.logs()[0].imported, 2)

    def test_malformed_json_is_retried(self):
        job = self._run_import({"body": "{not json"})
        self.assertEqual(job.db_record().state, "pending")
        self.assertIn("not JSON", job.db_record().result)

    def test_timeout_is_retried(self):
        # Odoo's test harness raises any timeout under 10 s to 10 s.
        self.account.timeout = 1
        job = self._run_import({"delay": 10.5, "body": "{}"})
        self.assertEqual(job.db_record().state, "pending")
        self.assertIn("did not answer", job.db_record().result)

    def test_graphql_errors_fail_without_retry(self):
        payload = json.dumps(
            {"errors": [{"message": "Field 'foo' doesn't exist"}], "data": None}
        )
        job = self._run_import({"body": payload})
        self.assertEqual(job.db_record().state, "failed")
        log = self.logs()[0]
        self.assertEqual(log.state, "failed")
        self.assertIn("Field 'foo'", log.message)
        self._assert_told("Field 'foo'")

    def test_gives_up_after_max_attempts_and_can_be_requeued(self):
        job = self._run_import({"status": 500}, retry=MAX_ATTEMPTS - 1)
        record = job.db_record()
        self.assertEqual(record.state, "failed")
        self.assertIn("Max. retries", record.exc_message)
        self.assertEqual(self.logs()[0].state, "failed")
        self.assertEqual(self.account.state, "error")
        self._assert_told("requeued")
        # Fixed on Letzshop's side: the vendor requeues the job, it imports.
        shipment = self.add_shipment([(self.mug, 1, 11.7)])
        record.requeue()
        self.assertEqual(record.state, "pending")
        self.run_job(job.load(self.env, record.uuid))
        self.assertEqual(record.state, "done")
        self.assertTrue(self.order_of(shipment))
        self.assertEqual(self.account.state, "ok")

    def test_confirmation_retried_on_429(self):
        shipment = self.add_shipment([(self.mug, 1, 11.7)])
        self.import_now()
        order = self.order_of(shipment)
        self.server.faults.append({"status": 429, "headers": {"Retry-After": "30"}})
        order.action_letzshop_confirm_all()
        (job,) = self.run_queued("_letzshop_job_send_decision")
        self.assertEqual(job.db_record().state, "pending")
        self.assertEqual(order.letzshop_decision_state, "queued")
        self.assertEqual(order.state, "draft")
        self.run_job(job)
        self.assertEqual(order.letzshop_decision_state, "done")
        self.assertEqual(order.state, "sale")
