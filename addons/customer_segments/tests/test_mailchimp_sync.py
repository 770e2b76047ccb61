# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from ..mailchimp_api import subscriber_hash
from .common import CustomerSegmentsCase
from .fake_mailchimp import FakeMailchimpServer

KEY = "0123456789abcdef-us99"


@tagged("post_install", "-at_install")
class TestMailchimpSync(CustomerSegmentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FakeMailchimpServer(KEY).start()
        cls.addClassCleanup(cls.server.stop)
        cls.vip = cls.env["customer.segment"].create(
            {
                "name": "Sync VIP",
                "tag_name": "vip",
                "rule_type": "min_orders",
                "min_orders": 2,
            }
        )
        cls.audience = cls.env["mailchimp.audience"].create(
            {
                "name": "Newsletter",
                "list_id": "aud1",
                "api_key": KEY,
                "api_base_url": cls.server.base_url,
                "tag_segment_ids": [(4, cls.vip.id)],
            }
        )
        consent = {
            "marketing_consent": "granted",
            "marketing_consent_source": "web_form",
        }
        cls.anna = cls._customer("Anna Schmit", lang="fr_FR", **consent)
        cls.ben = cls._customer("Ben Klein", **consent)
        cls.carl = cls._customer("Carl Nosub")  # never consented
        cls.bad = cls._customer("Bad Address", email="bad@nowhere.invalid", **consent)
        for partner, count in (
            (cls.anna, 2),
            (cls.ben, 1),
            (cls.carl, 3),
            (cls.bad, 1),
        ):
            for _i in range(count):
                cls._order(partner, 25.0)
        cls.env["res.partner"]._customer_stats_recompute_all()

    def setUp(self):
        super().setUp()
        self.state = self.server.state
        self.state.lists.clear()
        self.state.faults.clear()
        self.state.requests.clear()
        self.state.add_list("aud1", "Newsletter")
        self.audience.remote_tag_ids = False

    def _member(self, partner):
        return self.audience.member_ids.filtered(lambda m: m.partner_id == partner)

    def test_sync_members_and_tags(self):
        message = self.audience._sync_job()
        self.assertEqual(self.audience.sync_state, "done", message)
        remote = self.state.members("aud1")
        self.assertEqual(
            {m["email_address"] for m in remote.values()},
            {"anna.schmit@example.lu", "ben.klein@example.lu"},
        )
        anna = remote[subscriber_hash("anna.schmit@example.lu")]
        self.assertEqual(anna["merge_fields"], {"FNAME": "Anna", "LNAME": "Schmit"})
        self.assertEqual(anna["language"], "fr")
        self.assertEqual(anna["status"], "subscribed")
        # bindings keyed by the subscriber hash; the refused address is flagged
        self.assertEqual(
            self._member(self.anna).email_hash,
            subscriber_hash("anna.schmit@example.lu"),
        )
        self.assertEqual(self._member(self.bad).status, "error")
        self.assertIn("looks fake", self._member(self.bad).last_error)
        self.assertFalse(self._member(self.carl))
        self.assertEqual(self.audience.error_count, 1)
        # the segment became a tag holding its members
        self.assertEqual(
            self.state.tag_members("aud1", "vip"), {"anna.schmit@example.lu"}
        )
        self.assertEqual(self._member(self.anna).segment_ids, self.vip)

        # rules change: tags follow by diff (Ben added, then everybody removed)
        self.vip.min_orders = 1
        self.audience._sync_job()
        self.assertEqual(
            self.state.tag_members("aud1", "vip"),
            {"anna.schmit@example.lu", "ben.klein@example.lu"},
        )
        self.vip.min_orders = 5
        self.audience._sync_job()
        self.assertEqual(self.state.tag_members("aud1", "vip"), set())
        self.assertFalse(self._member(self.anna).segment_ids)
        # re-syncing an unchanged state sends no tag call
        self.state.requests.clear()
        self.audience._sync_job()
        self.assertFalse([r for r in self.state.requests if "/segments/" in r[1]])

    def test_segment_no_longer_synced_loses_its_tag(self):
        self.audience._sync_job()
        self.assertEqual(
            self.state.tag_members("aud1", "vip"), {"anna.schmit@example.lu"}
        )
        self.audience.tag_segment_ids = False
        self.audience._sync_job()
        self.assertEqual(self.state.tag_members("aud1", "vip"), set())

    def test_withdrawn_consent_unsubscribes(self):
        self.audience._sync_job()
        self.ben.marketing_consent = "withdrawn"
        self.audience._sync_job()
        self.assertEqual(
            self.state.members("aud1")[subscriber_hash(self.ben.email)]["status"],
            "unsubscribed",
        )
        self.assertEqual(self._member(self.ben).status, "unsubscribed")

    def test_member_unsubscribed_in_mailchimp_is_not_resubscribed(self):
        self.audience._sync_job()
        self.state.members("aud1")[subscriber_hash(self.ben.email)]["status"] = (
            "unsubscribed"
        )
        self.audience._sync_job()
        self.assertEqual(
            self.state.members("aud1")[subscriber_hash(self.ben.email)]["status"],
            "unsubscribed",
        )
        self.assertEqual(self._member(self.ben).status, "error")
        self.assertIn("compliance state", self._member(self.ben).last_error)

    def test_batches_of_at_most_500(self):
        self.env["res.partner"].create(
            [
                {
                    "name": f"Bulk {i}",
                    "email": f"bulk{i}@example.lu",
                    "marketing_consent": "granted",
                }
                for i in range(520)
            ]
        )
        self.audience._sync_job()
        batches = [
            r[2] for r in self.state.requests if r[:2] == ("POST", "/3.0/lists/aud1")
        ]
        self.assertEqual(len(batches), 2)
        self.assertEqual(len(batches[0]["members"]), 500)
        self.assertEqual(len(self.state.members("aud1")), 522)
        self.assertEqual(self.audience.member_count, 523)  # + the refused address

    def test_member_segment_restricts_members(self):
        self.audience.member_segment_id = self.vip
        self.audience._sync_job()
        self.assertEqual(
            {m["email_address"] for m in self.state.members("aud1").values()},
            {"anna.schmit@example.lu"},
        )

    def test_rate_limit_is_retried_later(self):
        self.state.fail_next(429, headers={"Retry-After": "30"})
        with self.assertRaises(RetryableJobError) as caught:
            self.audience._sync_job()
        self.assertEqual(caught.exception.seconds, 30)
        self.state.fail_next(502)
        with self.assertRaises(RetryableJobError):
            self.audience._sync_job()
        self.audience._sync_job()
        self.assertEqual(self.audience.sync_state, "done")

    def test_bad_key_is_shown_on_the_audience(self):
        self.audience.api_key = "wrong-us99"
        self.audience._sync_job()
        self.assertEqual(self.audience.sync_state, "error")
        self.assertIn("API key", self.audience.last_sync_message)

    def test_action_sync_queues_a_job_on_the_mailchimp_channel(self):
        with trap_jobs() as trap:
            self.audience.with_user(self.vendor).action_sync()
            trap.assert_jobs_count(1, only=self.audience._sync_job)
            self.assertEqual(trap.enqueued_jobs[0].channel, "root.mailchimp")
            self.assertEqual(self.audience.sync_state, "queued")
            trap.perform_enqueued_jobs()
        self.assertEqual(self.audience.sync_state, "done")
        self.assertEqual(len(self.state.members("aud1")), 2)

    def test_access(self):
        with self.assertRaises(AccessError):
            self.audience.with_user(self.salesman).action_sync()
        with self.assertRaises(AccessError):
            self.audience.with_user(self.vendor).read(["api_key"])
        with self.assertRaises(AccessError):
            self.audience.with_user(self.employee).read(["name"])
        self.assertEqual(self.audience.with_user(self.vendor).list_id, "aud1")

    def test_other_company_audience_is_invisible(self):
        other = self.env["res.company"].create({"name": "Other seller (test)"})
        audience = self.env["mailchimp.audience"].create(
            {"name": "Other", "list_id": "aud2", "company_id": other.id}
        )
        Audience = self.env["mailchimp.audience"].with_user(self.vendor)
        self.assertFalse(Audience.search([("id", "=", audience.id)]))
        self.assertEqual(
            Audience.search([("id", "=", self.audience.id)]), self.audience
        )
