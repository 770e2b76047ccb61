# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tests import Form, tagged

from .common import CustomerSegmentsCase


@tagged("post_install", "-at_install")
class TestConsentExport(CustomerSegmentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wholesale_tag = cls.env.ref(
            "customer_segments.res_partner_category_wholesale"
        )
        cls.segment = cls.env["customer.segment"].create(
            {
                "name": "Export test",
                "tag_name": "export-test",
                "rule_type": "min_orders",
                "min_orders": 1,
            }
        )
        cls.opted = cls._customer(
            "Sophie Weber",
            marketing_consent="granted",
            marketing_consent_source="web_form",
            lang="de_DE",
            category_id=[(4, cls.wholesale_tag.id)],
        )
        cls.marketplace = cls._customer(
            "Luc Muller", marketing_consent_source="marketplace"
        )
        cls.evil = cls._customer(
            '=HYPERLINK("http://x") Evil',
            email="evil@example.lu",
            marketing_consent="granted",
        )
        cls.no_email = cls._customer(
            "No Mail", email=False, marketing_consent="granted"
        )
        for partner, amount in (
            (cls.opted, 120.0),
            (cls.marketplace, 40.0),
            (cls.evil, 5.0),
            (cls.no_email, 9.0),
        ):
            cls._order(partner, amount, date(2026, 9, 1))
        cls.ours = cls.opted | cls.marketplace | cls.evil | cls.no_email
        cls.env["res.partner"]._customer_stats_recompute_all()

    def _rows(self, content):
        rows = list(csv.DictReader(io.StringIO(content)))
        return {row["Email Address"]: row for row in rows}

    def _export(self, lawful_purpose=None):
        domain = Domain("id", "in", self.ours.ids)
        return (
            self.env["res.partner"]
            .with_user(self.vendor)
            ._customer_export_csv(domain, lawful_purpose=lawful_purpose)
        )

    def test_consent_is_logged_with_source_and_date(self):
        events = self.opted.consent_event_ids
        self.assertEqual(len(events), 1)
        self.assertEqual((events.event, events.source), ("granted", "web_form"))
        self.assertTrue(self.opted.marketing_consent_date)
        self.assertFalse(self.marketplace.consent_event_ids)
        self.assertEqual(self.marketplace.marketing_consent, "unknown")
        self.opted.marketing_consent = "withdrawn"
        self.opted.invalidate_recordset(["consent_event_ids"])
        self.assertEqual(self.opted.consent_event_ids[0].event, "withdrawn")
        self.assertEqual(self.opted.consent_event_ids[0].source, "manual")
        self.assertFalse(self.opted.marketing_contactable)
        # the log cannot be rewritten by a user
        with self.assertRaises(AccessError):
            self.opted.consent_event_ids.with_user(self.vendor).write(
                {"event": "granted"}
            )

    def test_bounce_blocks_until_email_changes(self):
        self.opted.marketing_email_cleaned = True
        self.assertFalse(self.opted.marketing_contactable)
        self.assertEqual(self.opted.consent_event_ids[0].event, "email_cleaned")
        self.opted.email = "sophie.new@example.lu"
        self.assertFalse(self.opted.marketing_email_cleaned)
        self.assertTrue(self.opted.marketing_contactable)

    def test_export_only_contactable(self):
        content, exported, skipped = self._export()
        rows = self._rows(content)
        self.assertEqual(set(rows), {"sophie.weber@example.lu", "evil@example.lu"})
        self.assertEqual(
            (exported, skipped), (2, 1)
        )  # Luc has no consent; No Mail has no email
        sophie = rows["sophie.weber@example.lu"]
        self.assertEqual(sophie["First Name"], "Sophie")
        self.assertEqual(sophie["Last Name"], "Weber")
        self.assertEqual(sophie["Country"], "LU")
        self.assertEqual(sophie["Language"], "de")
        self.assertEqual(sophie["Orders"], "1")
        self.assertEqual(sophie["Total Spent"], "120.00")
        self.assertEqual(sophie["Last Order Date"], "2026-09-01")
        self.assertEqual(sophie["Consent"], "granted")
        self.assertEqual(sophie["Legal Basis"], "Consent")
        tags = sophie["Tags"].split(",")
        self.assertIn("Wholesale", tags)
        self.assertIn("export-test", tags)
        # a name typed by a buyer cannot become a spreadsheet formula
        self.assertTrue(rows["evil@example.lu"]["First Name"].startswith("'="))

    def test_blacklisted_are_not_exported(self):
        self.env["mail.blacklist"]._add("sophie.weber@example.lu")
        content, exported, _skipped = self._export()
        self.assertNotIn("sophie.weber@example.lu", self._rows(content))
        self.assertEqual(exported, 1)

    def test_export_for_other_lawful_purpose_says_so(self):
        content, exported, skipped = self._export(
            lawful_purpose="Safety recall of batch 42"
        )
        rows = self._rows(content)
        self.assertEqual(exported, 3)
        self.assertEqual(skipped, 0)
        self.assertEqual(rows["luc.muller@example.lu"]["Consent"], "unknown")
        for row in rows.values():
            self.assertEqual(
                row["Legal Basis"], "Other lawful purpose: Safety recall of batch 42"
            )

    def test_segment_export_method_for_integrators(self):
        result = self.segment.with_user(self.vendor).export_csv()
        self.assertTrue(result["filename"].startswith("export-test-"))
        self.assertTrue(result["filename"].endswith(".csv"))
        self.assertEqual(base64.b64decode(result["csv_base64"]).decode(), result["csv"])
        rows = self._rows(result["csv"])
        self.assertIn("sophie.weber@example.lu", rows)
        self.assertNotIn("luc.muller@example.lu", rows)
        self.assertEqual(result["exported"], len(rows))

    def test_export_wizard(self):
        wizard_form = Form(
            self.env["customer.segment.export"]
            .with_user(self.vendor)
            .with_context(active_model="res.partner", active_ids=self.ours.ids)
        )
        wizard_form.purpose = "other"
        wizard_form.lawful_purpose = "Invoice reminder"
        wizard = wizard_form.save()
        self.assertEqual(wizard.partner_ids, self.ours)
        wizard.action_export()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.exported_count, 3)
        rows = self._rows(base64.b64decode(wizard.file).decode())
        self.assertEqual(
            rows["luc.muller@example.lu"]["Legal Basis"],
            "Other lawful purpose: Invoice reminder",
        )
        # the purpose is mandatory to export without consent
        wizard2 = (
            self.env["customer.segment.export"]
            .with_user(self.vendor)
            .create({"segment_id": self.segment.id, "purpose": "other"})
        )
        with self.assertRaises(UserError):
            wizard2.action_export()

    def test_only_vendor_exports(self):
        with self.assertRaises(AccessError):
            self.segment.with_user(self.salesman).export_csv()
        with self.assertRaises(AccessError):
            self.env["customer.segment.export"].with_user(self.salesman).create(
                {"segment_id": self.segment.id}
            )
        with self.assertRaises(AccessError):
            self.segment.with_user(self.employee).export_csv()
