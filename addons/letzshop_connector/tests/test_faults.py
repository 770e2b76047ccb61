import json
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from ..models.letzshop_account import MAX_ATTEMPTS
from .common import LetzshopCase


@tagged("post_install", "-at_install")
class TestFaults(LetzshopCase):
    def _import_with_fault(self, *faults, attempt=0):
        self.server.faults.extend(faults)
        with trap_jobs() as trap:
            result = self.account._letzshop_job_import(attempt=attempt)
        return trap, result

    def _retry_eta(self, trap):
        trap.assert_jobs_count(1, only=self.account._letzshop_job_import)
        job = trap.enqueued_jobs[0]
        return job.eta

    def test_401_flags_account_and_tells_vendor_without_retry(self):
        self.add_shipment([(self.mug, 1, 11.7)])
        self.account.state = "ok"
        trap, result = self._import_with_fault({"status": 401, "body": "nope"})
        trap.assert_jobs_count(0)
        self.assertIn("refused the API key", result)
        self.assertEqual(self.account.state, "auth_error")
        self.assertEqual(self.logs()[0].state, "auth_error")
        activity = self.account.activity_ids
        self.assertEqual(activity.user_id, self.account.user_id)
        self.assertIn("API Key", activity.note)
        # the key itself never appears in what the vendor reads
        self.assertNotIn("test-key", str(self.logs().mapped("message")) + activity.note)

    def test_403_is_an_auth_error_too(self):
        trap, _result = self._import_with_fault({"status": 403})
        trap.assert_jobs_count(0)
        self.assertEqual(self.account.state, "auth_error")

    def test_wrong_key(self):
        self.account.api_key = "wrong"
        trap, _result = self._import_with_fault()
        trap.assert_jobs_count(0)
        self.assertEqual(self.account.state, "auth_error")

    def test_429_retries_after_retry_after(self):
        before = fields.Datetime.now()
        trap, _result = self._import_with_fault(
            {"status": 429, "headers": {"Retry-After": "120"}}
        )
        eta = self._retry_eta(trap)
        self.assertGreaterEqual(eta, before + timedelta(seconds=119))
        self.assertLessEqual(eta, fields.Datetime.now() + timedelta(seconds=121))
        log = self.logs()[0]
        self.assertEqual(log.state, "retry")
        self.assertIn("120", log.message)
        self.assertEqual(trap.enqueued_jobs[0].kwargs["attempt"], 1)

    def test_500_retries_with_backoff_and_keeps_earlier_pages(self):
        self.account.page_size = 1
        first = self.add_shipment([(self.mug, 1, 11.7)])
        self.add_shipment([(self.tee, 1, 23.4)])
        # page 1 answers, page 2 fails
        self.server.faults.extend(
            [{}, {"status": 502, "body": "<html>bad gateway</html>"}]
        )
        before = fields.Datetime.now()
        with trap_jobs() as trap:
            self.account._letzshop_job_import(attempt=2)
        eta = self._retry_eta(trap)
        self.assertGreaterEqual(eta, before + timedelta(seconds=60 * 2**2 - 1))
        self.assertTrue(self.order_of(first), "the page before the fault is kept")
        import_logs = self.logs().filtered(lambda log: log.operation == "import")
        self.assertIn("retry", import_logs.mapped("state"))
        self.assertEqual(sum(import_logs.mapped("imported")), 1)

    def test_malformed_json_is_retried(self):
        trap, result = self._import_with_fault({"body": "{not json"})
        self._retry_eta(trap)
        self.assertIn("not JSON", result)

    def test_timeout_is_retried(self):
        # Odoo's test harness raises any timeout under 10 s to 10 s.
        self.account.timeout = 1
        trap, result = self._import_with_fault({"delay": 10.5, "body": "{}"})
        self._retry_eta(trap)
        self.assertIn("did not answer", result)

    def test_graphql_errors_fail_without_retry(self):
        payload = json.dumps(
            {"errors": [{"message": "Field 'foo' doesn't exist"}], "data": None}
        )
        trap, _result = self._import_with_fault({"body": payload})
        trap.assert_jobs_count(0)
        log = self.logs()[0]
        self.assertEqual(log.state, "failed")
        self.assertIn("Field 'foo'", log.message)
        self.assertTrue(self.account.activity_ids)

    def test_gives_up_after_max_attempts(self):
        trap, _result = self._import_with_fault({"status": 500}, attempt=MAX_ATTEMPTS)
        trap.assert_jobs_count(0)
        self.assertEqual(self.logs()[0].state, "failed")
        self.assertEqual(self.account.state, "error")
        self.assertTrue(self.account.activity_ids)

    def test_confirmation_retried_on_429(self):
        shipment = self.add_shipment([(self.mug, 1, 11.7)])
        self.import_now()
        order = self.order_of(shipment)
        self.server.faults.append({"status": 429, "headers": {"Retry-After": "30"}})
        with trap_jobs() as trap:
            order.action_letzshop_confirm_all()
            trap.perform_enqueued_jobs()
            # the job enqueued its own retry
            retries = [
                job for job in trap.enqueued_jobs if job.kwargs.get("attempt") == 1
            ]
            self.assertEqual(len(retries), 1)
        self.assertEqual(order.letzshop_decision_state, "queued")
        self.assertEqual(order.state, "draft")
