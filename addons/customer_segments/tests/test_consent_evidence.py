# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

import freezegun

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..models.customer_consent_event import email_digest
from .common import CustomerSegmentsCase


@tagged("post_install", "-at_install")
class TestConsentEvidence(CustomerSegmentsCase):
    """Consent events are append-only evidence, dated and signed by Odoo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="cs_sysadmin",
            groups="base.group_system,sales_team.group_sale_manager",
        )
        cls.claire = cls._customer(
            "Claire Hoffmann",
            marketing_consent="granted",
            marketing_consent_source="web_form",
        )
        cls.Event = cls.env["customer.consent.event"]
        cls.clerk = new_test_user(
            cls.env,
            login="cs_clerk",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
        )

    def test_nobody_creates_evidence_directly(self):
        vals = {
            "partner_id": self.claire.id,
            "event": "granted",
            "source": "web_form",
            "date": "2020-01-01 10:00:00",
            "user_id": self.admin.id,
        }
        for user in (self.salesman, self.vendor, self.admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Event.with_user(user).create(vals)
        # not even code running as superuser (this test's environment), outside
        # the consent methods
        with self.assertRaises(UserError):
            self.Event.create(vals)
        self.assertEqual(len(self.claire.consent_event_ids), 1)

    def test_date_and_author_are_recorded_never_given(self):
        partner = self.claire.with_user(self.clerk)
        with freezegun.freeze_time("2030-05-04 09:30:00"):
            # a backdated consent date is not taken
            partner.write(
                {
                    "marketing_consent": "withdrawn",
                    "marketing_consent_source": "in_person",
                    "marketing_consent_date": "2020-01-01 00:00:00",
                }
            )
            backdated = self.Partner.create(
                {
                    "name": "Backdated",
                    "email": "backdated@example.lu",
                    "marketing_consent": "granted",
                    "marketing_consent_date": "2020-01-01 00:00:00",
                }
            )
        now = datetime(2030, 5, 4, 9, 30)
        event = self.claire.consent_event_ids[0]
        self.assertEqual(
            (event.event, event.source, event.date, event.user_id),
            ("withdrawn", "in_person", now, self.clerk),
        )
        self.assertEqual(self.claire.marketing_consent_date, now)
        self.assertEqual(backdated.marketing_consent_date, now)
        self.assertEqual(backdated.consent_event_ids.date, now)
        # the date alone cannot be rewritten either
        partner.write({"marketing_consent_date": "2020-01-01 00:00:00"})
        self.assertEqual(self.claire.marketing_consent_date, now)

    def test_evidence_is_never_changed_or_deleted(self):
        event = self.claire.consent_event_ids
        for user in (self.vendor, self.admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                event.with_user(user).write({"date": "2020-01-01 00:00:00"})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                event.with_user(user).unlink()
        # not even as superuser (this test's environment)
        with self.assertRaisesRegex(UserError, "evidence"):
            event.write({"event": "withdrawn"})
        with self.assertRaisesRegex(UserError, "evidence"):
            event.unlink()
        self.assertEqual(event.event, "granted")

    def test_evidence_outlives_the_customer_anonymised(self):
        partner = self._customer("Erased Customer", email="Erased.Customer@Example.lu")
        partner._set_marketing_consent("granted", "web_form")
        partner._set_marketing_consent("withdrawn", "mailchimp", note="unsubscribed")
        events = partner.consent_event_ids
        self.assertEqual(len(events), 2)
        partner.unlink()
        self.assertEqual(len(events.exists()), 2)
        events.invalidate_recordset()
        self.assertFalse(events.partner_id)
        # found again from the address the person gives, never stored in clear
        found = self.Event.search(
            [("email_hash", "=", email_digest("erased.customer@example.lu "))]
        )
        self.assertEqual(found, events)
        self.assertEqual(found.mapped("event"), ["withdrawn", "granted"])
        self.assertNotIn("Erased", " ".join(found.mapped("display_name")))
        self.assertTrue(all(e.date and e.user_id for e in found))
