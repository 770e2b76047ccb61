# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..mailchimp_api import subscriber_hash


@tagged("post_install", "-at_install")
class TestMailchimpWebhook(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.audience = cls.env["mailchimp.audience"].create(
            {"name": "Webhook audience", "list_id": "aud9", "api_key": "k-us99"}
        )
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Hook Customer",
                "email": "Hook.Customer@example.lu",
                "marketing_consent": "granted",
                "marketing_consent_source": "web_form",
            }
        )
        cls.member = cls.env["mailchimp.member"].create(
            {
                "audience_id": cls.audience.id,
                "partner_id": cls.partner.id,
                "email": cls.partner.email,
                "email_hash": subscriber_hash(cls.partner.email),
            }
        )

    def _url(self, secret=None):
        secret = secret or self.audience.webhook_secret
        return f"/customer_segments/mailchimp/{self.audience.id}/{secret}"

    def _post(self, data, secret=None):
        return self.url_open(self._url(secret), data=data)

    def test_mailchimp_validates_the_url(self):
        response = self.url_open(self._url())
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.audience.webhook_url.endswith(self._url()))

    @mute_logger("werkzeug")
    def test_wrong_secret_changes_nothing(self):
        response = self._post(
            {
                "type": "unsubscribe",
                "data[email]": "hook.customer@example.lu",
                "data[list_id]": "aud9",
            },
            secret="not-the-secret",
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.partner.marketing_consent, "granted")

    def test_unsubscribe_withdraws_consent(self):
        response = self._post(
            {
                "type": "unsubscribe",
                "fired_at": "2026-11-20 10:00:00",
                "data[action]": "unsub",
                "data[email]": "hook.customer@example.lu",
                "data[list_id]": "aud9",
                "data[merges][EMAIL]": "hook.customer@example.lu",
            }
        )
        self.assertEqual(response.status_code, 200)
        self.partner.invalidate_recordset()
        self.member.invalidate_recordset()
        self.assertEqual(self.partner.marketing_consent, "withdrawn")
        self.assertEqual(self.partner.marketing_consent_source, "mailchimp")
        self.assertFalse(self.partner.marketing_contactable)
        self.assertEqual(self.member.status, "unsubscribed")
        event = self.partner.consent_event_ids[0]
        self.assertEqual((event.event, event.source), ("withdrawn", "mailchimp"))
        self.assertIn("Webhook audience", event.note)

    def test_cleaned_marks_the_address(self):
        self._post(
            {
                "type": "cleaned",
                "data[email]": "hook.customer@example.lu",
                "data[list_id]": "aud9",
                "data[reason]": "hard",
            }
        )
        self.partner.invalidate_recordset()
        self.member.invalidate_recordset()
        self.assertTrue(self.partner.marketing_email_cleaned)
        self.assertFalse(self.partner.marketing_contactable)
        self.assertEqual(self.partner.marketing_consent, "granted")
        self.assertEqual(self.member.status, "cleaned")

    def test_other_audience_is_ignored(self):
        self._post(
            {
                "type": "unsubscribe",
                "data[email]": "hook.customer@example.lu",
                "data[list_id]": "other",
            }
        )
        self.partner.invalidate_recordset()
        self.assertEqual(self.partner.marketing_consent, "granted")
