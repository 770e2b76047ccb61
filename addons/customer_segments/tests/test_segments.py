# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import freezegun

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CustomerSegmentsCase


@tagged("post_install", "-at_install")
class TestSegments(CustomerSegmentsCase):
    freeze_time = freezegun.freeze_time("2026-11-20")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Segment = cls.env["customer.segment"]
        cls.vip = cls._customer("Vip Buyer")
        for month in range(1, 6):
            cls._order(cls.vip, 100.0, date(2026, month, 3))
        cls.sleeper = cls._customer("Sleepy Buyer", country=cls.de)
        cls._order(cls.sleeper, 20.0, date(2026, 2, 1))
        cls.newbie = cls._customer("New Buyer", country=cls.fr)
        cls._order(cls.newbie, 35.0, date(2026, 11, 5))
        cls.holiday = cls._customer("Holiday Buyer")
        cls._order(cls.holiday, 80.0, date(2025, 12, 10))
        cls._order(cls.holiday, 15.0, date(2026, 10, 1))
        cls.wholesale_tag = cls.env.ref(
            "customer_segments.res_partner_category_wholesale"
        )
        cls.shop = cls._customer(
            "Shop Retailer", category_id=[(4, cls.wholesale_tag.id)]
        )
        cls.ours = cls.vip | cls.sleeper | cls.newbie | cls.holiday | cls.shop
        cls.env["res.partner"]._customer_stats_recompute_all()

    def _members(self, segment):
        domain = segment._get_partner_domain() & Domain("id", "in", self.ours.ids)
        return self.env["res.partner"].search(domain)

    def test_default_segments(self):
        self.assertEqual(
            self._members(self.env.ref("customer_segments.customer_segment_vip")),
            self.vip,
        )
        self.assertEqual(
            self._members(self.env.ref("customer_segments.customer_segment_dormant")),
            self.sleeper | self.vip,  # VIP's last order was in May
        )
        self.assertEqual(
            self._members(self.env.ref("customer_segments.customer_segment_new")),
            self.newbie,
        )
        self.assertEqual(
            self._members(self.env.ref("customer_segments.customer_segment_germany")),
            self.sleeper,
        )
        # holiday season of last year: 15 Nov - 31 Dec 2025
        holiday = self.env.ref("customer_segments.customer_segment_holiday")
        self.assertEqual(self._members(holiday), self.holiday)
        # the web client's variant of the rule selects the same customers
        client_domain = holiday._get_partner_domain(for_client=True) & Domain(
            "id", "in", self.ours.ids
        )
        self.assertEqual(self.env["res.partner"].search(client_domain), self.holiday)
        self.assertEqual(
            self._members(self.env.ref("customer_segments.customer_segment_wholesale")),
            self.shop,
        )

    def test_rules_are_editable(self):
        vip = self.env.ref("customer_segments.customer_segment_vip")
        with Form(vip.with_user(self.vendor)) as form:
            form.min_orders = 2
        self.assertEqual(self._members(vip), self.vip | self.holiday)
        spent = self.Segment.create(
            {"name": "Big spenders", "rule_type": "min_spent", "min_amount": 90}
        )
        self.assertEqual(self._members(spent), self.vip | self.holiday)
        custom = self.Segment.create(
            {
                "name": "French",
                "rule_type": "domain",
                "domain": "[('country_id.code', '=', 'FR')]",
            }
        )
        self.assertEqual(self._members(custom), self.newbie)
        france = self.Segment.create(
            {"name": "France", "rule_type": "country", "country_ids": [(4, self.fr.id)]}
        )
        self.assertEqual(self._members(france), self.newbie)

    def test_counts_follow_the_date(self):
        new = self.env.ref("customer_segments.customer_segment_new")
        self.assertIn(self.newbie, self._members(new))
        with freezegun.freeze_time("2026-12-20"):
            self.assertNotIn(self.newbie, self._members(new))

    def test_partner_count_and_open(self):
        segment = self.Segment.create(
            {
                "name": "Tagged wholesale",
                "rule_type": "tag",
                "category_id": self.wholesale_tag.id,
            }
        )
        wholesalers = self.env["res.partner"].search(
            [("category_id", "in", self.wholesale_tag.ids)]
        )
        self.assertEqual(segment.partner_count, len(wholesalers))
        action = segment.action_open_partners()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(self.env["res.partner"].search(action["domain"]), wholesalers)

    @mute_logger("odoo.sql_db")
    def test_invalid_rules_are_refused(self):
        with self.assertRaises(ValidationError):
            self.Segment.create({"name": "No dates", "rule_type": "season"})
        with self.assertRaises(ValidationError):
            self.Segment.create(
                {
                    "name": "Backwards",
                    "rule_type": "season",
                    "date_from": "2026-12-31",
                    "date_to": "2026-11-01",
                }
            )
        with self.assertRaises(ValidationError):
            self.Segment.create({"name": "No country", "rule_type": "country"})
        with self.assertRaises(ValidationError):
            self.Segment.create(
                {"name": "Bad", "rule_type": "domain", "domain": "[('nope', '=', 1)]"}
            )

    def test_access(self):
        vip = self.env.ref("customer_segments.customer_segment_vip")
        self.assertTrue(vip.with_user(self.salesman).partner_count >= 1)
        with self.assertRaises(AccessError):
            vip.with_user(self.salesman).write({"min_orders": 1})
        with self.assertRaises(AccessError):
            vip.with_user(self.warehouse).read(["name"])
