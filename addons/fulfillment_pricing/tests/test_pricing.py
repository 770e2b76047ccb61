# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The pure pricing module, replayed on ShipHero's published fees and worked
examples (in their units: pounds, inches, US dollars)."""

import datetime

from odoo.tests import BaseCase, tagged

from .. import pricing


def shiphero():
    """ShipHero Fulfillment as published (pricing-billing, 2021-06-25, and
    Return Options), in lb / in³ / USD."""
    return pricing.Card(
        included_units=3,
        additional_unit=0.25,
        weight_bands=[pricing.Band(20.0001, 0, 3.50, per_unit=True)],
        storage_basis="volume",
        storage_volume_month=0.65,  # per cubic foot
        return_first_item=2.75,
        return_additional_item=0.25,
        return_inspection_unit=3.45,
        dim_divisor=166,
        dim_min_volume=1728,  # one cubic foot in in³
        dim_min_weight=1,
    )


def by_code(charges):
    return {(c.component, c.code): c for c in charges}


@tagged("post_install", "-at_install")
class TestShipHeroExamples(BaseCase):
    def test_five_item_return_costs_21_dollars(self):
        """ShipHero's worked example: a five-item self return = $21.00."""
        charges = pricing.returns(shiphero(), 5)
        self.assertEqual(pricing.total(charges), 21.00)
        lines = by_code(charges)
        self.assertEqual(lines["returns", "first"].amount, 2.75)
        self.assertEqual(lines["returns", "additional"].quantity, 4)
        self.assertEqual(lines["returns", "inspection"].quantity, 5)
        self.assertAlmostEqual(lines["returns", "inspection"].amount, 17.25)

    def test_three_picks_included_then_25_cents(self):
        card = shiphero()
        self.assertEqual(pricing.pick_pack(card, 3), [])
        charges = pricing.pick_pack(card, 5)
        self.assertEqual(len(charges), 1)
        self.assertEqual(charges[0].quantity, 2)
        self.assertEqual(pricing.total(charges), 0.50)

    def test_items_over_20_lb_add_350_per_pick(self):
        card = shiphero()
        charges = pricing.pick_pack(card, 2, unit_weights=[25, 25])
        self.assertEqual(pricing.total(charges), 7.00)
        # exactly 20 lb is not "greater than 20 lb"
        self.assertEqual(pricing.pick_pack(card, 1, unit_weights=[20]), [])

    def test_dim_weight_applies_from_one_cubic_foot(self):
        card = shiphero()
        # 12 x 12 x 12 in box of 5 lb: DIM = 1728 / 166 = 10.41 lb
        self.assertAlmostEqual(pricing.billable_weight(card, 5, 12 * 12 * 12), 10.41, 2)
        # under one cubic foot (10 x 10 x 10 in): actual weight
        self.assertEqual(pricing.billable_weight(card, 5, 1000), 5)
        # under one pound: actual weight, whatever the volume
        self.assertEqual(pricing.billable_weight(card, 0.8, 20 * 20 * 20), 0.8)
        # heavier than its DIM weight: actual weight
        self.assertEqual(pricing.billable_weight(card, 30, 12 * 12 * 12), 30)

    def test_storage_accrues_daily_to_the_monthly_price(self):
        """$0.65 per cubic foot per month, charged daily: 10 ft³ kept all of
        June = $6.50; kept 15 days = half of it."""
        card = shiphero()
        june = [(datetime.date(2026, 6, d), None, 10.0, 0) for d in range(1, 31)]
        self.assertAlmostEqual(pricing.total(pricing.storage(card, june)), 6.50)
        self.assertAlmostEqual(pricing.total(pricing.storage(card, june[:15])), 3.25)


@tagged("post_install", "-at_install")
class TestPricingRules(BaseCase):
    def test_first_unit_tiers_remainder_and_additional_sku(self):
        """ShipHero 3PL billing order: first pick, picks within a range, then
        remainder picks, then the additional-SKU charge."""
        card = pricing.Card(
            order_base=1.0,
            first_unit=0.80,
            additional_unit=0.30,
            pick_tiers=[pricing.Band(2, 5, 0.50)],
            additional_sku=0.10,
        )
        charges = by_code(pricing.pick_pack(card, 7, skus=3))
        self.assertEqual(charges["pick_pack", "base"].amount, 1.0)
        self.assertEqual(charges["pick_pack", "first"].amount, 0.80)
        self.assertEqual(charges["pick_pack", "tier2"].quantity, 3)  # units 2, 3, 4
        self.assertEqual(charges["pick_pack", "additional"].quantity, 3)  # 5, 6, 7
        self.assertEqual(charges["pick_pack", "sku"].quantity, 2)
        self.assertAlmostEqual(
            pricing.total(charges.values()), 1.0 + 0.80 + 1.50 + 0.90 + 0.20
        )

    def test_weight_band_per_order(self):
        card = pricing.Card(
            weight_bands=[
                pricing.Band(5, 10, 1.0, per_unit=False),
                pricing.Band(10, 0, 2.5, per_unit=False),
            ]
        )
        self.assertEqual(pricing.total(pricing.pick_pack(card, 1, order_weight=4)), 0)
        self.assertEqual(pricing.total(pricing.pick_pack(card, 1, order_weight=7)), 1.0)
        self.assertEqual(
            pricing.total(pricing.pick_pack(card, 1, order_weight=12)), 2.5
        )

    def test_smallest_box_that_fits(self):
        boxes = [
            pricing.Box("L", "Large", 0.03, 20, 1.20),
            pricing.Box("S", "Small", 0.005, 5, 0.40),
            pricing.Box("M", "Medium", 0.012, 10, 0.70),
        ]
        self.assertEqual(pricing.choose_box(boxes, 0.004, 1).code, "S")
        self.assertEqual(pricing.choose_box(boxes, 0.004, 8).code, "M")  # weight
        self.assertEqual(pricing.choose_box(boxes, 0.02, 1).code, "L")
        self.assertIsNone(pricing.choose_box(boxes, 0.5, 1))

    def test_receiving_free_hours_and_surcharges(self):
        card = pricing.Card(
            receiving_hour=40,
            receiving_free_hours=2,
            receiving_pallet=10,
            receiving_noncompliant=25,
        )
        charges = by_code(
            pricing.receiving(card, hours=3.5, pallets=2, noncompliant=True)
        )
        self.assertEqual(charges["receiving", "hour"].quantity, 1.5)
        self.assertEqual(pricing.total(charges.values()), 60 + 20 + 25)
        self.assertEqual(pricing.receiving(card, hours=1.5), [])

    def test_fuel_surcharge_on_carrier_rate(self):
        card = pricing.Card(fuel_surcharge_pct=8.36)
        charges = by_code(pricing.carrier(card, 10.0))
        self.assertAlmostEqual(charges["carrier", "fuel"].amount, 0.836)

    def test_season_and_long_term_storage(self):
        card = pricing.Card(
            storage_basis="location",
            storage_location_month={"pallet": 31.0},
            season_multipliers={12: 2.0},
            age_bands=[pricing.Band(180, 0, 15.5)],
        )
        nov = [(datetime.date(2026, 11, d), "pallet", 1, 10) for d in range(1, 31)]
        dec = [(datetime.date(2026, 12, d), "pallet", 1, 200) for d in range(1, 32)]
        self.assertAlmostEqual(pricing.total(pricing.storage(card, nov)), 31.0)
        charges = by_code(pricing.storage(card, dec))
        self.assertAlmostEqual(charges["storage", "pallet"].amount, 62.0)
        self.assertAlmostEqual(charges["storage", "pallet_age"].amount, 15.5)

    def test_monthly_minimum_charges_the_difference(self):
        card = pricing.Card(monthly_minimum=250)
        self.assertEqual(pricing.monthly_minimum(card, 180.0)[0].amount, 70.0)
        self.assertEqual(pricing.monthly_minimum(card, 300.0), [])

    def test_quote_month_is_itemised_with_per_order_cost(self):
        card = shiphero()
        card.monthly_minimum = 0
        prospect = pricing.Prospect(
            orders=100,
            units_per_order=4.5,  # half 4-unit, half 5-unit orders
            weight=1,
            volume=10,
            skus=20,
            storage_volume=50,
            storage_locations={},
            return_rate=0.1,
            carrier_prices={"domestic": (1.0, 6.0)},
        )
        charges, total, per_order = pricing.quote_month(card, prospect, month=6)
        lines = by_code(charges)
        # 50 orders x 1 extra pick + 50 orders x 2 extra picks = 150 picks
        self.assertAlmostEqual(lines["pick_pack", "additional"].quantity, 150)
        self.assertAlmostEqual(lines["carrier", "rate_domestic"].amount, 600)
        self.assertAlmostEqual(lines["storage", "volume"].amount, 32.5)
        # 10 returns of 4 or 5 items (rounded to 4): 2.75 + 3 x 0.25 + 4 x 3.45
        self.assertAlmostEqual(
            pricing.total([c for c in charges if c.component == "returns"]), 173.0
        )
        self.assertEqual(per_order, round(total / 100, 2))
        self.assertAlmostEqual(total, 37.5 + 600 + 32.5 + 173.0)
