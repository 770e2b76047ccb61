# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The customs dimension of the territory logic (plain module, no ORM)."""

from odoo.tests import BaseCase, tagged

from .. import vat_decision as vd

# (name, address (country, zip, state, city), inside VAT, inside customs, papers
# from Luxembourg)
TERRITORIES = [
    ("France", ("FR", "75001", "", "Paris"), True, True, False),
    ("Corsica", ("FR", "20000", "", "Ajaccio"), True, True, False),
    ("Monaco", ("MC", "98000", "", "Monaco"), True, True, False),
    ("Germany", ("DE", "10115", "", "Berlin"), True, True, False),
    ("Azores", ("PT", "9500-321", "", "Ponta Delgada"), True, True, False),
    (
        "Canary Islands, Las Palmas",
        ("ES", "35001", "", "Las Palmas"),
        False,
        True,
        True,
    ),
    ("Canary Islands, Tenerife", ("ES", "38001", "", "Santa Cruz"), False, True, True),
    ("Canary Islands, by province", ("ES", "", "TF", ""), False, True, True),
    ("Canary Islands, own code", ("IC", "", "", ""), False, True, True),
    ("Madrid", ("ES", "28001", "", "Madrid"), True, True, False),
    ("Åland", ("FI", "22100", "", "Mariehamn"), False, True, True),
    ("Åland, own code", ("AX", "22100", "", "Mariehamn"), False, True, True),
    ("Helsinki", ("FI", "00100", "", "Helsinki"), True, True, False),
    ("Mount Athos", ("GR", "63086", "", "Karyes"), False, True, True),
    ("Guadeloupe", ("FR", "97110", "", "Pointe-à-Pitre"), False, True, True),
    ("Martinique", ("FR", "97200", "", "Fort-de-France"), False, True, True),
    ("French Guiana", ("GF", "97300", "", "Cayenne"), False, True, True),
    ("Réunion", ("FR", "97400", "", "Saint-Denis"), False, True, True),
    ("Mayotte", ("FR", "97600", "", "Mamoudzou"), False, True, True),
    ("New Caledonia", ("FR", "98800", "", "Nouméa"), False, False, True),
    ("Heligoland", ("DE", "27498", "", "Helgoland"), False, False, True),
    ("Büsingen", ("DE", "78266", "", "Büsingen"), False, False, True),
    ("Livigno", ("IT", "23041", "", "Livigno"), False, False, True),
    ("Livigno, shared postcode", ("IT", "23030", "", "Livigno"), False, False, True),
    (
        "Valdidentro, same postcode",
        ("IT", "23030", "", "Valdidentro"),
        True,
        True,
        False,
    ),
    ("Ceuta", ("ES", "51001", "", "Ceuta"), False, False, True),
    ("Melilla", ("ES", "52001", "", "Melilla"), False, False, True),
    ("Campione d'Italia", ("IT", "22061", "", "Campione d'Italia"), False, True, True),
    ("Northern Ireland", ("GB", "BT1 1AA", "", "Belfast"), True, True, False),
    ("Northern Ireland, XI", ("XI", "BT1 1AA", "", "Belfast"), True, True, False),
    ("Great Britain", ("GB", "SW1A 1AA", "", "London"), False, False, True),
    ("Jersey", ("JE", "JE2 3AB", "", "St Helier"), False, False, True),
    ("Guernsey", ("GG", "GY1 1AA", "", "St Peter Port"), False, False, True),
    ("Isle of Man", ("IM", "IM1 1AA", "", "Douglas"), False, False, True),
    ("Norway", ("NO", "0150", "", "Oslo"), False, False, True),
    ("Switzerland", ("CH", "8001", "", "Zürich"), False, False, True),
    ("San Marino", ("SM", "47890", "", "San Marino"), False, False, True),
    ("Andorra", ("AD", "AD500", "", "Andorra la Vella"), False, False, True),
    ("United States", ("US", "10001", "NY", "New York"), False, False, True),
]


@tagged("post_install", "-at_install")
class TestCustomsTerritory(BaseCase):
    def test_each_territory(self):
        for name, address, vat, customs, papers in TERRITORIES:
            with self.subTest(name):
                territory = vd.resolve_territory(*address)
                self.assertEqual(territory.inside, vat, "inside the VAT area")
                self.assertEqual(territory.inside_customs, customs, "customs territory")
                self.assertEqual(vd.needs_customs(*address), papers, "papers from LU")
                self.assertTrue(territory.legal_source.startswith("https://eur-lex"))

    def test_every_special_territory_has_a_customs_status_and_source(self):
        names = {rule[4] for rule in vd.TERRITORY_RULES}
        names |= set(vd.OUTSIDE_TERRITORY_CODES.values())
        names |= {name for _country, name in vd.COUNTRY_ALIASES.values()}
        self.assertEqual(names - set(vd.SPECIAL_TERRITORY_CUSTOMS), set())
        for name, (_inside, source) in vd.SPECIAL_TERRITORY_CUSTOMS.items():
            self.assertIn("https://eur-lex.europa.eu/", source, name)

    def test_vat_behaviour_unchanged(self):
        """The customs dimension adds a field; the VAT outcome stays as it was."""
        canary = vd.resolve_territory("ES", "35001")
        self.assertEqual(
            (canary.country, canary.name, canary.inside),
            ("ES", "Canary Islands", False),
        )
        self.assertEqual(vd.resolve_territory("MC"), vd.Territory("FR", "Monaco", True))
        self.assertEqual(
            vd.decide(vd.Sale("LU", "ES", delivery_zip="35001")).rule, vd.EXPORT
        )

    def test_origin_matters(self):
        canary = vd.resolve_territory("ES", "35001")
        norway = vd.resolve_territory("NO", "0150")
        # from inside a territory to the same territory: no border
        self.assertFalse(vd.needs_customs("ES", "38001", origin=canary))
        self.assertFalse(vd.needs_customs("NO", "5003", origin=norway))
        # from a special territory or a third country to the EU: papers
        self.assertTrue(vd.needs_customs("FR", "75001", origin=canary))
        self.assertTrue(vd.needs_customs("LU", "L-1111", origin=norway))
        # an origin in another member state changes nothing inside the EU
        self.assertFalse(vd.needs_customs("FR", "75001", origin=vd.Territory("DE")))
