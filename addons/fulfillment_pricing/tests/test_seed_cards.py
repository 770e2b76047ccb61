# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.tests import TransactionCase, tagged

from .. import pricing


@tagged("post_install", "-at_install")
class TestSeedCards(TransactionCase):
    """The reference cards shipped as data cite their source and date, and the
    ShipHero card (in kg, cm³ and USD) reproduces ShipHero's published fees."""

    def test_cards_cite_source_and_date(self):
        for xmlid in (
            "fulfillment_pricing.rate_card_shiphero",
            "fulfillment_pricing.rate_card_industry_average",
        ):
            card = self.env.ref(xmlid)
            self.assertTrue(card.published)
            self.assertTrue(card.source_url.startswith("https://"))
            self.assertTrue(card.source_date)
            self.assertIn("http", card.source_note)
        self.assertEqual(
            self.env.ref("fulfillment_pricing.rate_card_shiphero").currency_id.name,
            "USD",
        )

    def test_shiphero_card_reproduces_the_published_examples(self):
        card = self.env.ref("fulfillment_pricing.rate_card_shiphero")._to_card()
        self.assertEqual(pricing.total(pricing.returns(card, 5)), 21.00)
        self.assertEqual(pricing.total(pricing.pick_pack(card, 3)), 0.0)
        self.assertEqual(pricing.total(pricing.pick_pack(card, 5)), 0.50)
        # a 25 lb (11.34 kg) item adds $3.50 per pick; 20 lb (9.07 kg) does not
        self.assertEqual(
            pricing.total(pricing.pick_pack(card, 1, unit_weights=[11.34])), 3.50
        )
        self.assertEqual(
            pricing.total(pricing.pick_pack(card, 1, unit_weights=[9.07])), 0.0
        )
        # 12 x 12 x 12 in (28,317 cm³) box of 5 lb (2.268 kg): DIM 10.41 lb = 4.72 kg
        self.assertAlmostEqual(pricing.billable_weight(card, 2.268, 28316.85), 4.72, 2)
        # under one cubic foot: actual weight
        self.assertEqual(pricing.billable_weight(card, 2.268, 27000), 2.268)
        # $0.65 per cubic foot per month = $22.95 per m³ (35.3147 ft³)
        self.assertAlmostEqual(card.storage_volume_month / 35.3147, 0.65, 3)

    def test_industry_average_card_bills_the_monthly_minimum(self):
        card = self.env.ref("fulfillment_pricing.rate_card_industry_average")._to_card()
        self.assertEqual(pricing.monthly_minimum(card, 180.0)[0].amount, 70.0)
        self.assertEqual(card.season_multipliers, {10: 3.2, 11: 3.2, 12: 3.2})
