# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Table-driven tests of the plain VAT decision module (no ORM), one test per row.

Each case: name, facts of the sale, expected rule, expected country whose rates apply,
expected special territory, and (category, date, expected rate) from the seed table.
"""

import datetime
import itertools

from odoo.tests import BaseCase, tagged

from .. import vat_decision as vd
from .. import vat_rates_seed

D = datetime.date.fromisoformat
ROWS = vat_rates_seed.seed_rows()
LU = {"seller_country": "LU"}
OVER = {"threshold_exceeded": True}

CASES = [
    # row 1: delivery in the seller's country
    (
        "lu_consumer",
        {**LU, "delivery_country": "LU"},
        vd.DOMESTIC,
        "LU",
        "",
        ("standard", "2026-05-01", 17),
    ),
    (
        "lu_consumer_2023",
        {**LU, "delivery_country": "LU"},
        vd.DOMESTIC,
        "LU",
        "",
        ("standard", "2023-06-01", 16),
    ),
    (
        "lu_wine_2023",
        {**LU, "delivery_country": "LU"},
        vd.DOMESTIC,
        "LU",
        "",
        ("wine", "2023-06-01", 13),
    ),
    (
        "lu_wine_2024",
        {**LU, "delivery_country": "LU"},
        vd.DOMESTIC,
        "LU",
        "",
        ("wine", "2024-01-01", 14),
    ),
    (
        "lu_plants",
        {**LU, "delivery_country": "LU"},
        vd.DOMESTIC,
        "LU",
        "",
        ("plants", "2026-05-01", 8),
    ),
    (
        "lu_food",
        {**LU, "delivery_country": "LU"},
        vd.DOMESTIC,
        "LU",
        "",
        ("food", "2026-05-01", 3),
    ),
    (
        "lu_business_lu_vat",
        {
            **LU,
            "delivery_country": "LU",
            "customer_vat": "LU26375245",
            "vies_status": "valid",
        },
        vd.DOMESTIC,
        "LU",
        "",
        ("standard", "2026-05-01", 17),
    ),
    (
        "fr_business_delivered_lu",
        {
            **LU,
            "delivery_country": "LU",
            "customer_vat": "FR23334175221",
            "vies_status": "valid",
        },
        vd.DOMESTIC,
        "LU",
        "",
        None,
    ),
    # row 2: intra-Community supply
    (
        "fr_business_valid",
        {
            **LU,
            "delivery_country": "FR",
            "customer_vat": "FR23334175221",
            "vies_status": "valid",
        },
        vd.IC_SUPPLY,
        "",
        "",
        None,
    ),
    (
        "de_business_delivered_fr",
        {
            **LU,
            "delivery_country": "FR",
            "customer_vat": "DE123456788",
            "vies_status": "valid",
        },
        vd.IC_SUPPLY,
        "",
        "",
        None,
    ),
    (
        "gr_business_el_prefix",
        {
            **LU,
            "delivery_country": "GR",
            "customer_vat": "EL094259216",
            "vies_status": "valid",
        },
        vd.IC_SUPPLY,
        "",
        "",
        None,
    ),
    (
        "fr_business_collects_valid",
        {
            **LU,
            "delivery_country": "FR",
            "customer_vat": "FR23334175221",
            "vies_status": "valid",
            "customer_collects": True,
        },
        vd.IC_SUPPLY,
        "",
        "",
        None,
    ),
    # row 3: buyer identified only in the seller's member state
    (
        "lu_vat_delivered_fr",
        {
            **LU,
            "delivery_country": "FR",
            "customer_vat": "LU26375245",
            "vies_status": "valid",
            **OVER,
        },
        vd.DOMESTIC_VAT_BUYER,
        "LU",
        "",
        ("standard", "2026-05-01", 17),
    ),
    # row 4: under the threshold, unverified or invalid numbers count as consumers
    (
        "fr_consumer_under",
        {**LU, "delivery_country": "FR"},
        vd.DISTANCE_LOCAL,
        "LU",
        "",
        ("food", "2026-05-01", 3),
    ),
    (
        "fr_business_invalid",
        {
            **LU,
            "delivery_country": "FR",
            "customer_vat": "FR23334175221",
            "vies_status": "invalid",
        },
        vd.DISTANCE_LOCAL,
        "LU",
        "",
        ("standard", "2026-05-01", 17),
    ),
    (
        "fr_business_pending",
        {
            **LU,
            "delivery_country": "FR",
            "customer_vat": "FR23334175221",
            "vies_status": "pending",
        },
        vd.DISTANCE_LOCAL,
        "LU",
        "",
        ("standard", "2026-05-01", 17),
    ),
    (
        "fr_business_never_checked",
        {**LU, "delivery_country": "FR", "customer_vat": "FR23334175221"},
        vd.DISTANCE_LOCAL,
        "LU",
        "",
        None,
    ),
    # row 5: threshold exceeded or opted in: destination rate of the product's category
    (
        "fr_consumer_over",
        {**LU, "delivery_country": "FR", **OVER},
        vd.OSS,
        "FR",
        "",
        ("standard", "2026-05-01", 20),
    ),
    (
        "fr_food_over",
        {**LU, "delivery_country": "FR", **OVER},
        vd.OSS,
        "FR",
        "",
        ("food", "2026-05-01", 5.5),
    ),
    (
        "fr_press_over",
        {**LU, "delivery_country": "FR", **OVER},
        vd.OSS,
        "FR",
        "",
        ("press", "2026-05-01", 2.1),
    ),
    (
        "fr_children_opt_in",
        {**LU, "delivery_country": "FR", "oss_opt_in": True},
        vd.OSS,
        "FR",
        "",
        ("children_clothing", "2026-05-01", 20),
    ),
    (
        "fr_wine_over",
        {**LU, "delivery_country": "FR", **OVER},
        vd.OSS,
        "FR",
        "",
        ("wine", "2026-05-01", 20),
    ),
    (
        "fr_plants_over",
        {**LU, "delivery_country": "FR", **OVER},
        vd.OSS,
        "FR",
        "",
        ("plants", "2026-05-01", 10),
    ),
    (
        "de_books_over",
        {**LU, "delivery_country": "DE", **OVER},
        vd.OSS,
        "DE",
        "",
        ("books", "2026-05-01", 7),
    ),
    (
        "de_medicines_over",
        {**LU, "delivery_country": "DE", **OVER},
        vd.OSS,
        "DE",
        "",
        ("medicines", "2026-05-01", 19),
    ),
    (
        "ie_children_over",
        {**LU, "delivery_country": "IE", **OVER},
        vd.OSS,
        "IE",
        "",
        ("children_clothing", "2026-05-01", 0),
    ),
    (
        "be_food_over",
        {**LU, "delivery_country": "BE", **OVER},
        vd.OSS,
        "BE",
        "",
        ("food", "2026-05-01", 6),
    ),
    (
        "ee_before_change",
        {**LU, "delivery_country": "EE", **OVER},
        vd.OSS,
        "EE",
        "",
        ("standard", "2025-06-30", 22),
    ),
    (
        "ee_after_change",
        {**LU, "delivery_country": "EE", **OVER},
        vd.OSS,
        "EE",
        "",
        ("standard", "2025-07-01", 24),
    ),
    (
        "fi_before_change",
        {**LU, "delivery_country": "FI", **OVER},
        vd.OSS,
        "FI",
        "",
        ("standard", "2024-08-31", 24),
    ),
    (
        "fi_after_change",
        {**LU, "delivery_country": "FI", **OVER},
        vd.OSS,
        "FI",
        "",
        ("standard", "2024-09-01", 25.5),
    ),
    (
        "fi_food_2026",
        {**LU, "delivery_country": "FI", **OVER},
        vd.OSS,
        "FI",
        "",
        ("food", "2026-01-01", 13.5),
    ),
    (
        "ro_books_before",
        {**LU, "delivery_country": "RO", **OVER},
        vd.OSS,
        "RO",
        "",
        ("books", "2025-07-31", 5),
    ),
    (
        "ro_books_after",
        {**LU, "delivery_country": "RO", **OVER},
        vd.OSS,
        "RO",
        "",
        ("books", "2025-08-01", 11),
    ),
    (
        "se_food_temporary",
        {**LU, "delivery_country": "SE", **OVER},
        vd.OSS,
        "SE",
        "",
        ("food", "2026-05-01", 6),
    ),
    (
        "se_food_before",
        {**LU, "delivery_country": "SE", **OVER},
        vd.OSS,
        "SE",
        "",
        ("food", "2026-01-10", 12),
    ),
    (
        "se_food_after",
        {**LU, "delivery_country": "SE", **OVER},
        vd.OSS,
        "SE",
        "",
        ("food", "2028-02-01", 12),
    ),
    (
        "paris_not_dom",
        {**LU, "delivery_country": "FR", "delivery_zip": "75001", **OVER},
        vd.OSS,
        "FR",
        "",
        None,
    ),
    (
        "madrid_not_canary",
        {**LU, "delivery_country": "ES", "delivery_zip": "28001", **OVER},
        vd.OSS,
        "ES",
        "",
        None,
    ),
    # row 6: the consumer collects or arranges the transport
    (
        "fr_consumer_collects",
        {**LU, "delivery_country": "FR", "customer_collects": True, **OVER},
        vd.CUSTOMER_COLLECTS,
        "LU",
        "",
        ("standard", "2026-05-01", 17),
    ),
    # row 7: outside the EU VAT area
    ("us_consumer", {**LU, "delivery_country": "US"}, vd.EXPORT, "", "", None),
    (
        "gb_consumer",
        {**LU, "delivery_country": "GB", "delivery_zip": "SW1A 1AA"},
        vd.EXPORT,
        "",
        "",
        None,
    ),
    (
        "ch_business",
        {
            **LU,
            "delivery_country": "CH",
            "customer_vat": "CHE116281710",
            "vies_status": "valid",
        },
        vd.EXPORT,
        "",
        "",
        None,
    ),
    (
        "canary_zip",
        {**LU, "delivery_country": "ES", "delivery_zip": "35001"},
        vd.EXPORT,
        "",
        "Canary Islands",
        None,
    ),
    (
        "canary_state_b2b",
        {
            **LU,
            "delivery_country": "ES",
            "delivery_state": "TF",
            "customer_vat": "ESA12345674",
            "vies_status": "valid",
        },
        vd.EXPORT,
        "",
        "Canary Islands",
        None,
    ),
    (
        "ceuta_zip",
        {**LU, "delivery_country": "ES", "delivery_zip": "51001"},
        vd.EXPORT,
        "",
        "Ceuta",
        None,
    ),
    (
        "melilla_state",
        {**LU, "delivery_country": "ES", "delivery_state": "ME"},
        vd.EXPORT,
        "",
        "Melilla",
        None,
    ),
    (
        "aland_zip",
        {**LU, "delivery_country": "FI", "delivery_zip": "22100"},
        vd.EXPORT,
        "",
        "Åland Islands",
        None,
    ),
    (
        "aland_country",
        {**LU, "delivery_country": "AX"},
        vd.EXPORT,
        "",
        "Åland Islands",
        None,
    ),
    (
        "mount_athos",
        {**LU, "delivery_country": "GR", "delivery_zip": "630 86"},
        vd.EXPORT,
        "",
        "Mount Athos",
        None,
    ),
    (
        "guadeloupe_country",
        {**LU, "delivery_country": "GP"},
        vd.EXPORT,
        "",
        "Guadeloupe",
        None,
    ),
    (
        "guadeloupe_zip",
        {**LU, "delivery_country": "FR", "delivery_zip": "97100"},
        vd.EXPORT,
        "",
        "Guadeloupe",
        None,
    ),
    (
        "reunion_zip",
        {**LU, "delivery_country": "FR", "delivery_zip": "97400"},
        vd.EXPORT,
        "",
        "Réunion",
        None,
    ),
    (
        "heligoland",
        {**LU, "delivery_country": "DE", "delivery_zip": "27498"},
        vd.EXPORT,
        "",
        "Heligoland",
        None,
    ),
    (
        "busingen",
        {**LU, "delivery_country": "DE", "delivery_zip": "78266"},
        vd.EXPORT,
        "",
        "Büsingen am Hochrhein",
        None,
    ),
    (
        "livigno",
        {**LU, "delivery_country": "IT", "delivery_zip": "23041"},
        vd.EXPORT,
        "",
        "Livigno",
        None,
    ),
    (
        "livigno_shared_zip",
        {
            **LU,
            "delivery_country": "IT",
            "delivery_zip": "23030",
            "delivery_city": "Livigno (SO)",
        },
        vd.EXPORT,
        "",
        "Livigno",
        None,
    ),
    (
        "shared_zip_other_town",
        {
            **LU,
            "delivery_country": "IT",
            "delivery_zip": "23030",
            "delivery_city": "Valdidentro",
            **OVER,
        },
        vd.OSS,
        "IT",
        "",
        ("books", "2026-05-01", 4),
    ),
    (
        "campione",
        {**LU, "delivery_country": "IT", "delivery_zip": "22061"},
        vd.EXPORT,
        "",
        "Campione d'Italia",
        None,
    ),
    # row 8: Monaco as France
    (
        "monaco_consumer_over",
        {**LU, "delivery_country": "MC", **OVER},
        vd.OSS,
        "FR",
        "Monaco",
        ("food", "2026-05-01", 5.5),
    ),
    (
        "monaco_consumer_under",
        {**LU, "delivery_country": "MC"},
        vd.DISTANCE_LOCAL,
        "LU",
        "Monaco",
        None,
    ),
    (
        "monaco_business_fr_vat",
        {
            **LU,
            "delivery_country": "MC",
            "customer_vat": "FR23334175221",
            "vies_status": "valid",
        },
        vd.IC_SUPPLY,
        "",
        "Monaco",
        None,
    ),
    # row 9: Northern Ireland for goods
    (
        "ni_consumer_over",
        {**LU, "delivery_country": "XI", **OVER},
        vd.OSS,
        "XI",
        "Northern Ireland",
        ("standard", "2026-05-01", 20),
    ),
    (
        "ni_food_over",
        {**LU, "delivery_country": "XI", **OVER},
        vd.OSS,
        "XI",
        "Northern Ireland",
        ("food", "2026-05-01", 0),
    ),
    (
        "ni_postcode_under",
        {**LU, "delivery_country": "GB", "delivery_zip": "BT1 5GS"},
        vd.DISTANCE_LOCAL,
        "LU",
        "Northern Ireland",
        None,
    ),
    (
        "ni_business_xi_vat",
        {
            **LU,
            "delivery_country": "GB",
            "delivery_zip": "BT1 5GS",
            "customer_vat": "XI980780684",
            "vies_status": "valid",
        },
        vd.IC_SUPPLY,
        "",
        "Northern Ireland",
        None,
    ),
    (
        "ni_business_gb_vat",
        {
            **LU,
            "delivery_country": "XI",
            "customer_vat": "GB980780684",
            "vies_status": "valid",
            **OVER,
        },
        vd.OSS,
        "XI",
        "Northern Ireland",
        None,
    ),
    # another seller country: nothing assumes Luxembourg
    (
        "de_seller_lu_consumer_over",
        {"seller_country": "DE", "delivery_country": "LU", **OVER},
        vd.OSS,
        "LU",
        "",
        ("children_clothing", "2026-05-01", 3),
    ),
    (
        "de_seller_lu_consumer_under",
        {"seller_country": "DE", "delivery_country": "LU"},
        vd.DISTANCE_LOCAL,
        "DE",
        "",
        ("standard", "2026-05-01", 19),
    ),
    (
        "de_seller_domestic",
        {"seller_country": "DE", "delivery_country": "DE"},
        vd.DOMESTIC,
        "DE",
        "",
        None,
    ),
    (
        "es_seller_canary",
        {"seller_country": "ES", "delivery_country": "ES", "delivery_zip": "38001"},
        vd.EXPORT,
        "",
        "Canary Islands",
        None,
    ),
    (
        "fr_seller_monaco",
        {"seller_country": "FR", "delivery_country": "MC"},
        vd.DOMESTIC,
        "FR",
        "Monaco",
        None,
    ),
    (
        "ch_seller",
        {"seller_country": "CH", "delivery_country": "FR"},
        vd.NOT_APPLICABLE,
        "",
        "",
        None,
    ),
]


@tagged("post_install", "-at_install")
class TestVatDecisionTable(BaseCase):
    def test_every_rule_and_territory_covered(self):
        rules = {case[2] for case in CASES}
        self.assertEqual(rules, set(vd.RULE_ROWS))
        territories = {case[4] for case in CASES} - {""}
        for name in {rule[4] for rule in vd.TERRITORY_RULES} - {
            "Wallis and Futuna",
            "French Polynesia",
            "New Caledonia",
            "Martinique",
            "French Guiana",
            "Mayotte",
            "Saint-Pierre-et-Miquelon",
            "Saint-Barthélemy",
            "Saint-Martin",
        }:
            self.assertIn(name, territories, f"no case for territory {name}")
        self.assertGreaterEqual(len(CASES), 40)

    def test_hold_and_pending_flags(self):
        base = {
            **LU,
            "delivery_country": "FR",
            "customer_vat": "FR23334175221",
            "vies_status": "pending",
        }
        consumer = vd.decide(vd.Sale(**base))
        self.assertTrue(consumer.vies_pending)
        self.assertFalse(consumer.hold)
        held = vd.decide(vd.Sale(**base, hold_when_pending=True))
        self.assertTrue(held.hold)
        self.assertEqual(held.rule, vd.DISTANCE_LOCAL, "a held sale is never 0 %")
        valid = vd.decide(
            vd.Sale(**{**base, "vies_status": "valid"}, hold_when_pending=True)
        )
        self.assertFalse(valid.hold)

    def test_mentions(self):
        self.assertEqual(
            vd.decide(vd.Sale(**LU, delivery_country="US")).mention, "export"
        )
        ic = vd.decide(
            vd.Sale(
                **LU,
                delivery_country="FR",
                customer_vat="FR23334175221",
                vies_status="valid",
            )
        )
        self.assertEqual(ic.mention, "ic_supply")
        self.assertTrue(ic.exempt)
        self.assertEqual(vd.decide(vd.Sale(**LU, delivery_country="LU")).mention, "")

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            vd.resolve_territory("")
        with self.assertRaises(ValueError):
            vd.decide(vd.Sale(**LU, delivery_country="FR", vies_status="maybe"))

    def test_seed_matches_package(self):
        """Every rate valid on the package's data date is one the package lists."""
        package = vat_rates_seed.package_rates()
        version = D(package["_version"])
        self.assertEqual(vat_rates_seed.cross_check(ROWS, version, package), [])
        # and a changed package standard rate is reported
        changed = {
            **package,
            "FR": {"standard": 21.0, "all": package["FR"]["all"] | {21.0}},
        }
        problems = vat_rates_seed.cross_check(ROWS, version, changed)
        self.assertIn(("FR", "standard", 20.0, "package standard rate 21.0"), problems)

    def test_seed_has_no_overlap(self):
        by_key = {}
        for row in ROWS:
            by_key.setdefault((row["country"], row["category"]), []).append(row)
        for key, rows in by_key.items():
            rows.sort(key=lambda r: r["date_from"] or datetime.date.min)
            for first, second in itertools.pairwise(rows):
                self.assertTrue(
                    first["date_to"] and first["date_to"] < second["date_from"], key
                )
            self.assertIsNone(
                rows[0]["date_from"], f"{key} has no rate before {rows[0]['date_from']}"
            )


def _make_test(name, facts, rule, tax_country, territory, rate):
    def test(self):
        decision = vd.decide(vd.Sale(**facts))
        self.assertEqual(decision.rule, rule, name)
        self.assertEqual(decision.tax_country, tax_country, name)
        self.assertEqual(decision.territory, territory, name)
        if rate:
            category, on_date, expected = rate
            got = vd.pick_rate(ROWS, decision.tax_country, category, D(on_date))
            self.assertEqual(
                got,
                expected,
                f"{name}: {category} in {decision.tax_country} on {on_date}",
            )

    test.__name__ = f"test_case_{name}"
    return test


for _case in CASES:
    setattr(TestVatDecisionTable, f"test_case_{_case[0]}", _make_test(*_case))
