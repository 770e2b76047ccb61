# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval
from datetime import date, timedelta

import freezegun

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SegmentMailingCase


@tagged("post_install", "-at_install")
class TestSegmentMailing(SegmentMailingCase):
    def test_recipients_are_the_contactable_members(self):
        mailing = self._new_mailing()
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(mailing.mailing_type, "mail")
        self.assertEqual(mailing.subject, "Newsletter readers")
        self.assertEqual(mailing.state, "draft")
        self.assertEqual(mailing.create_uid, self.mailer)
        self.assertEqual(
            set(mailing._get_recipients()), {self.granted.id, self.granted_2.id}
        )
        # the domain shown to the user in the mailing form is a plain literal
        self.assertIsInstance(literal_eval(mailing.mailing_domain), list)

    def test_withdrawn_consent_is_honoured_when_sent(self):
        mailing = self._new_mailing()
        # the customer withdraws after the mailing was prepared, before it is sent
        self.granted_2._set_marketing_consent("withdrawn", "web_form")
        with self.mock_mail_gateway():
            mailing.action_send_mail()
        self.assertEqual(mailing.state, "done")
        self.assertEqual(mailing.mailing_trace_ids.mapped("res_id"), [self.granted.id])
        self.assertEqual(
            {mail["email_to"][0] for mail in self._mails},
            {self.granted.email_formatted},
        )

    def test_date_rules_survive_the_mailing_domain(self):
        """Rules holding dates (season, new customers) become literal domains."""
        self._order(self.granted, 50.0, date(2025, 12, 10))
        self._order(self.granted_2, 50.0, date(2025, 6, 10))
        self._order(self.not_asked, 50.0, date(2025, 12, 12))
        recent = self._customer("Rita Recent", marketing_consent="granted")
        self._order(recent, 20.0, date.today() - timedelta(days=3))
        self._recompute()
        season = self.env["customer.segment"].create(
            {
                "name": "Christmas 2025 (test)",
                "rule_type": "season",
                "date_from": date(2025, 12, 1),
                "date_to": date(2025, 12, 24),
            }
        )
        new = self.env["customer.segment"].create(
            {"name": "New (test)", "rule_type": "new", "days": 30}
        )
        mailing = self._new_mailing(season)
        self.assertEqual(mailing._get_recipients(), [self.granted.id])
        mailing = self._new_mailing(new)
        recipients = set(mailing._get_recipients())
        self.assertIn(recent.id, recipients)
        self.assertFalse(
            recipients & {self.granted.id, self.granted_2.id, self.not_asked.id}
        )

    def test_mailing_keeps_following_the_segment(self):
        """A mailing prepared today and sent later mails the segment of that day:
        dated rules move on and edits of the rule apply."""
        self._order(self.granted, 50.0, date.today() - timedelta(days=3))
        self._order(self.granted_2, 50.0, date.today() - timedelta(days=20))
        self._recompute()
        new = self.env["customer.segment"].create(
            {"name": "New (test)", "rule_type": "new", "days": 10}
        )
        mailing = self._new_mailing(new)
        self.assertEqual(mailing._get_recipients(), [self.granted.id])
        # a month later, Anna is no longer a new customer
        with freezegun.freeze_time(date.today() + timedelta(days=30)):
            self.assertEqual(mailing._get_recipients(), [])
        # the vendor widens the rule: the prepared mailing follows
        new.days = 30
        self.assertEqual(
            set(mailing._get_recipients()), {self.granted.id, self.granted_2.id}
        )
        # the mailing names the segment, not a frozen copy of its rule
        self.assertIn("customer_segment_ids", mailing.mailing_domain)
        self.assertNotIn(str(date.today().year), mailing.mailing_domain)

    def test_link_and_count(self):
        other = self.env["customer.segment"].create(
            {"name": "Other (test)", "rule_type": "tag", "category_id": self.tag.id}
        )
        first = self._new_mailing()
        second = self._new_mailing()
        self.assertEqual(first.customer_segment_id, self.segment)
        self.assertEqual(self.segment.mailing_ids, first | second)
        segment = self.segment.with_user(self.mailer)
        self.assertEqual(segment.mailing_count, 2)
        self.assertEqual(other.mailing_count, 0)
        action = segment.action_open_mailings()
        self.assertEqual(
            self.env["mailing.mailing"].search(action["domain"]), first | second
        )
        # a copy of a mailing keeps its segment (and is counted)
        first.copy()
        self.segment.invalidate_recordset(["mailing_count"])
        self.assertEqual(self.segment.mailing_count, 3)

    def test_only_sales_managers_create_mailings(self):
        for user in (self.salesman, self.salesman_mailer, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.segment.with_user(user).action_new_mailing()
        # a sales manager also needs Email Marketing access
        with self.assertRaises(AccessError):
            self.segment.with_user(self.vendor).action_new_mailing()
        self.assertFalse(
            self.env["mailing.mailing"].search(
                [("customer_segment_id", "=", self.segment.id)]
            )
        )

    def test_salesman_reads_segment_without_mailing_count(self):
        """The mailing figures are only computed for Email Marketing users."""
        form_fields = self.segment.with_user(self.salesman).fields_get()
        self.assertNotIn("mailing_count", form_fields)
        self.assertIn("mailing_count", self.segment.with_user(self.mailer).fields_get())

    def test_translations(self):
        self.env["ir.module.module"]._load_module_terms(
            ["customer_segments_mass_mailing"], ["fr_FR", "de_DE"], overwrite=True
        )
        segment = self.segment.with_user(self.salesman)
        for lang, expected in (
            ("fr_FR", "Seuls les administrateurs des ventes"),
            ("de_DE", "Nur Verkaufsadministratoren"),
        ):
            with (
                self.subTest(lang=lang),
                self.assertRaisesRegex(AccessError, expected),
            ):
                segment.with_context(lang=lang).action_new_mailing()
        labels = self.env["mailing.mailing"].with_context(lang="de_DE").fields_get()
        self.assertEqual(labels["customer_segment_id"]["string"], "Kundensegment")
