# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import freezegun

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..models.customer_segment import last_season
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
            vip.with_user(self.employee).read(["name"])

    def test_yearly_season_moves_on_by_itself(self):
        holiday = self.env.ref("customer_segments.customer_segment_holiday")
        self.assertTrue(holiday.season_yearly)
        self.assertEqual(holiday.season_window, "2025-11-15 to 2025-12-31")
        late = self._customer("Late Holiday Buyer")
        self._order(late, 30.0, date(2026, 12, 5))
        self.env["res.partner"]._customer_stats_recompute_all()
        ours = self.ours | late
        domain = Domain("id", "in", ours.ids)
        Partner = self.env["res.partner"]
        # in the 2026 holiday season, last year's buyers are still the segment
        with freezegun.freeze_time("2026-12-20"):
            self.assertEqual(
                Partner.search(holiday._get_partner_domain() & domain), self.holiday
            )
        # once it has ended, this season's buyers are
        with freezegun.freeze_time("2027-01-05"):
            holiday.invalidate_recordset(["season_window", "partner_count"])
            self.assertEqual(holiday.season_window, "2026-11-15 to 2026-12-31")
            self.assertEqual(
                Partner.search(holiday._get_partner_domain() & domain), late
            )
            client_domain = holiday._get_partner_domain(for_client=True) & domain
            self.assertEqual(Partner.search(client_domain), late)

    def test_last_season(self):
        cases = [
            # (from, to, today) -> (start, end)
            (
                (11, 15),
                (12, 31),
                date(2026, 11, 20),
                (date(2025, 11, 15), date(2025, 12, 31)),
            ),
            (
                (11, 15),
                (12, 31),
                date(2027, 1, 1),
                (date(2026, 11, 15), date(2026, 12, 31)),
            ),
            (
                (12, 1),
                (1, 15),
                date(2026, 1, 15),
                (date(2024, 12, 1), date(2025, 1, 15)),
            ),
            (
                (12, 1),
                (1, 15),
                date(2026, 1, 16),
                (date(2025, 12, 1), date(2026, 1, 15)),
            ),
            ((2, 1), (2, 29), date(2027, 3, 1), (date(2027, 2, 1), date(2027, 2, 28))),
        ]
        for start, end, today, expected in cases:
            with self.subTest(start=start, end=end, today=today):
                self.assertEqual(
                    last_season(date(2024, *start), date(2024, *end), today), expected
                )
        # a yearly season may span the new year; a dated one may not
        self.Segment.create(
            {
                "name": "Winter",
                "rule_type": "season",
                "season_yearly": True,
                "date_from": "2025-12-01",
                "date_to": "2025-01-15",
            }
        )

    def test_segment_membership_is_searchable_and_follows_the_date(self):
        new = self.env.ref("customer_segments.customer_segment_new")
        germany = self.env.ref("customer_segments.customer_segment_germany")
        domain = Domain("customer_segment_ids", "in", new.ids) & Domain(
            "id", "in", self.ours.ids
        )
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.search(domain), self.newbie)
        self.assertIn(new, self.newbie.customer_segment_ids)
        self.assertIn(germany, self.sleeper.customer_segment_ids)
        self.assertNotIn(new, self.sleeper.customer_segment_ids)
        with freezegun.freeze_time("2026-12-20"):
            self.assertFalse(Partner.search(domain))
