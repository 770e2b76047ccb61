from datetime import datetime

from odoo.tests import BaseCase, tagged

from .. import letzshop_mapper as mapper


@tagged("post_install", "-at_install")
class TestMapper(BaseCase):
    """The ORM-free translation of Letzshop's JSON, without a database."""

    def test_dates_emails_and_languages(self):
        self.assertEqual(
            mapper.parse_datetime("2026-11-20T10:00:00+01:00"),
            datetime(2026, 11, 20, 9, 0),
        )
        self.assertFalse(mapper.parse_datetime("yesterday"))
        self.assertEqual(mapper.email_key("  Anna@Example.LU "), "anna@example.lu")
        installed = {"en_US", "fr_FR", "de_CH"}
        self.assertEqual(mapper.lang_for_locale("fr-LU", installed), "fr_FR")
        self.assertEqual(mapper.lang_for_locale("de", installed), "de_CH")
        self.assertFalse(mapper.lang_for_locale("lb", installed))

    def test_addresses_and_lines(self):
        node = {
            "id": "S1",
            "order": {
                "number": "R1",
                "billAddress": None,
                "shipAddress": {
                    "firstName": "Eva",
                    "lastName": "Schmit",
                    "streetName": "Rue Haute",
                    "streetNumber": "3",
                    "zipCode": "4000",
                    "city": "Esch",
                    "country": {"iso": "lu"},
                },
            },
            "inventoryUnits": [
                {"id": 1, "state": "unconfirmed", "variant": {"id": "V", "sku": "A"}},
                {
                    "id": 2,
                    "state": "confirmed_unavailable",
                    "variant": {"id": "V", "sku": "A"},
                },
                {
                    "id": 3,
                    "state": "unconfirmed",
                    "variant": {"id": "W", "tradeId": {"number": "4006381333931"}},
                },
            ],
        }
        bill, ship = mapper.order_addresses(node["order"], {"LU": 7})
        self.assertEqual(bill, ship, "a missing address is the other one")
        self.assertEqual(
            (ship["name"], ship["street"], ship["country_id"]),
            ("Eva Schmit", "Rue Haute 3", 7),
        )
        self.assertEqual(mapper.country_isos([node]), {"LU"})
        self.assertEqual(
            mapper.product_codes([node]), {(None, "A"), ("4006381333931", None)}
        )
        groups = mapper.line_groups(node)
        self.assertEqual([key for key, _v, _u in groups], ["V", "W"])
        vals = mapper.line_vals(*groups[0])
        self.assertEqual(vals["product_uom_qty"], 1)
        self.assertEqual(vals["letzshop_unit_ids"], ["1", "2"])
        self.assertEqual(mapper.shipment_name(node), "R1")
