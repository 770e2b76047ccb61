# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from ..mailchimp_api import (
    DEFAULT_TIMEOUT,
    MailchimpAuthError,
    MailchimpClient,
    MailchimpError,
    MailchimpRetryableError,
    datacenter_from_key,
    subscriber_hash,
)
from .fake_mailchimp import FakeMailchimpServer

KEY = "0123456789abcdef-us99"


@tagged("post_install", "-at_install")
class TestMailchimpApi(TransactionCase):
    """The plain client against the fake server: no ORM involved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FakeMailchimpServer(KEY).start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        super().setUp()
        self.state = self.server.state
        self.state.lists.clear()
        self.state.faults.clear()
        self.state.requests.clear()
        self.state.add_list("aud1", "Newsletter")
        self.client = MailchimpClient(
            KEY, base_url=self.server.base_url, timeout=10, allow_http_loopback=True
        )

    def test_hash_and_datacenter(self):
        self.assertEqual(
            subscriber_hash(" Marie@Example.LU "), subscriber_hash("marie@example.lu")
        )
        self.assertEqual(
            subscriber_hash("urist.mcvankab@freddiesjokes.com"),
            "62eeb292278cc15f5817cb78f7790b08",
        )
        self.assertEqual(datacenter_from_key("abc-us21"), "us21")
        with self.assertRaises(MailchimpError):
            datacenter_from_key("no-datacentre-")
        self.assertEqual(
            MailchimpClient("abc-us21").base_url, "https://us21.api.mailchimp.com/3.0"
        )

    def test_ping_and_list(self):
        self.assertEqual(self.client.ping(), "Everything's Chimpy!")
        self.assertEqual(self.client.get_list("aud1")["name"], "Newsletter")
        with self.assertRaises(MailchimpError) as caught:
            self.client.get_list("missing")
        self.assertEqual(caught.exception.status, 404)
        self.assertIn("Resource Not Found", str(caught.exception))

    def test_batch_upsert_with_member_errors(self):
        members = [
            {"email_address": "ok@example.lu", "status": "subscribed"},
            {"email_address": "not-an-email", "status": "subscribed"},
        ]
        result = self.client.batch_upsert_members("aud1", members)
        self.assertEqual((result.new_count, result.updated_count), (1, 0))
        self.assertEqual(list(result.errors), ["not-an-email"])
        self.assertIn("looks fake or invalid", result.errors["not-an-email"])
        result = self.client.batch_upsert_members("aud1", members[:1])
        self.assertEqual((result.new_count, result.updated_count), (0, 1))
        self.assertIn(subscriber_hash("ok@example.lu"), self.state.members("aud1"))

    def test_batch_limit(self):
        members = [
            {"email_address": f"m{i}@example.lu", "status": "subscribed"}
            for i in range(501)
        ]
        with self.assertRaises(ValueError):
            self.client.batch_upsert_members("aud1", members)
        self.assertFalse(self.state.requests)
        result = self.client.batch_upsert_members("aud1", members[:500])
        self.assertEqual(result.new_count, 500)

    def test_rate_limit_and_server_errors_are_retryable(self):
        self.state.fail_next(429, headers={"Retry-After": "17"})
        with self.assertRaises(MailchimpRetryableError) as caught:
            self.client.ping()
        self.assertEqual(
            (caught.exception.status, caught.exception.retry_after), (429, 17)
        )
        self.state.fail_next(503)
        with self.assertRaises(MailchimpRetryableError) as caught:
            self.client.ping()
        self.assertIsNone(caught.exception.retry_after)
        self.assertEqual(self.client.ping(), "Everything's Chimpy!")

    def test_timeout_is_retryable(self):
        # Odoo's test harness raises any timeout below 10 s to 10 s
        client = MailchimpClient(
            KEY, base_url=self.server.base_url, timeout=10, allow_http_loopback=True
        )
        self.state.fail_next(200, delay=10.5, raw=b"late")
        with self.assertRaises(MailchimpRetryableError):
            client.ping()

    def test_bad_key_and_malformed_body(self):
        with self.assertRaises(MailchimpAuthError):
            MailchimpClient(
                "wrong-us99", base_url=self.server.base_url, allow_http_loopback=True
            ).ping()
        self.state.fail_next(200, raw=b"<html>maintenance</html>")
        with self.assertRaises(MailchimpError) as caught:
            self.client.ping()
        self.assertNotIsInstance(caught.exception, MailchimpRetryableError)
        self.assertIn("not JSON", str(caught.exception))

    def test_tag_members(self):
        self.client.batch_upsert_members(
            "aud1", [{"email_address": "a@example.lu", "status": "subscribed"}]
        )
        tag_id = self.client.create_static_segment("aud1", "VIP")
        self.assertEqual(self.client.static_segments("aud1"), {"VIP": tag_id})
        errors = self.client.update_segment_members(
            "aud1", tag_id, add=["a@example.lu", "ghost@example.lu"]
        )
        self.assertEqual(list(errors), ["ghost@example.lu"])
        self.assertEqual(self.state.tag_members("aud1", "VIP"), {"a@example.lu"})
        self.client.update_segment_members("aud1", tag_id, remove=["a@example.lu"])
        self.assertEqual(self.state.tag_members("aud1", "VIP"), set())
        with self.assertRaises(ValueError):
            self.client.update_segment_members(
                "aud1", tag_id, add=["x@example.lu"] * 501
            )

    def test_only_https_outside_the_loopback_test_server(self):
        # plain http is refused unless the caller allows it (tests) for 127.0.0.1
        with self.assertRaisesRegex(MailchimpError, "https://"):
            MailchimpClient(KEY, base_url=self.server.base_url)
        for url in (
            "http://us99.api.mailchimp.com/3.0",
            "ftp://127.0.0.1/3.0",
            "file:///etc/passwd",
            "https:///3.0",
        ):
            with self.subTest(url=url), self.assertRaises(MailchimpError):
                MailchimpClient(KEY, base_url=url, allow_http_loopback=True)
        client = MailchimpClient(KEY, base_url="https://us99.api.mailchimp.com/3.0/")
        self.assertEqual(client.base_url, "https://us99.api.mailchimp.com/3.0")

    def test_always_a_timeout(self):
        for timeout in (None, 0, -1, "30"):
            with self.subTest(timeout=timeout), self.assertRaises(ValueError):
                MailchimpClient(KEY, timeout=timeout)
        self.assertEqual(MailchimpClient(KEY).timeout, DEFAULT_TIMEOUT)

    def test_redirects_are_not_followed(self):
        # a redirect (here to a path that would answer) must not carry the key on
        self.state.fail_next(302, headers={"Location": f"{self.server.base_url}/ping"})
        with self.assertRaisesRegex(MailchimpError, "redirects are not followed"):
            self.client.ping()
        self.assertEqual(len(self.state.requests), 1)
