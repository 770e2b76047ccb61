# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


class QuoteCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["fulfillment_pricing"], ["fr_FR", "de_DE"], overwrite=True
        )
        # Only this test's card is published.
        cls.env["fulfillment.rate.card"].search([]).published = False
        eur = cls.env.company.currency_id
        parcel = cls.env["product.product"].create(
            {"name": "Parcel", "type": "service"}
        )
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Tour carrier",
                "delivery_type": "base_on_rule",
                "product_id": parcel.id,
                "price_rule_ids": [
                    Command.create(
                        {
                            "variable": "weight",
                            "operator": "<=",
                            "max_value": 30,
                            "list_base_price": 5.0,
                        }
                    )
                ],
            }
        )
        provider = cls.env["res.partner"].create({"name": "Tour 3PL"})
        cls.card = cls.env["fulfillment.rate.card"].create(
            {
                "name": "Tour 3PL card",
                "provider_id": provider.id,
                "currency_id": eur.id,
                "date_from": "2020-01-01",
                "published": True,
                "order_base": 2.0,
                "additional_unit": 0.5,
                "included_units": 1,
                "storage_volume_month": 20.0,
                "return_base": 3.0,
                "rule_ids": [
                    Command.create(
                        {
                            "kind": "zone",
                            "name": "Domestic",
                            "zone": "domestic",
                            "carrier_id": cls.carrier.id,
                        }
                    )
                ],
            }
        )
        cls.secret = cls.card.copy(
            {
                "name": "Secret unpublished card",
                "published": False,
                "provider_id": provider.id,
                "date_from": "2010-01-01",
                "date_to": "2019-12-31",
            }
        )
        client = cls.env["res.partner"].create({"name": "Client X"})
        cls.client_card = cls.card.copy(
            {
                "name": "Client X private card",
                "published": False,
                "client_id": client.id,
            }
        )


PARAMS = {
    "submitted": 1,
    "orders": 100,
    "units_per_order": 3,
    "weight": 0.5,
    "volume": 0.002,
    "skus": 10,
    "storage_volume": 2,
    "return_rate": 10,
    "mix_domestic": 100,
    "mix_eu": 0,
    "mix_world": 0,
}


@tagged("post_install", "-at_install")
class TestQuotePage(QuoteCase):
    def _get(self, path="/fulfillment/quote", **params):
        return self.url_open(path, params=params or None, allow_redirects=False)

    def test_public_page_lists_published_cards_only(self):
        response = self._get()
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tour 3PL card", response.text)
        self.assertNotIn("Secret unpublished card", response.text)
        self.assertNotIn("Client X", response.text)
        # asking for an unpublished or a client's card by id is refused
        for card in self.secret | self.client_card:
            response = self._get(**dict(PARAMS, card=card.id))
            self.assertEqual(response.status_code, 400)
            self.assertNotIn(card.name, response.text)

    def test_itemised_estimate_and_cost_per_order(self):
        response = self._get(**PARAMS)
        self.assertEqual(response.status_code, 200, response.text[-2000:])
        # 100 orders: base 2.00, 2 extra units x 0.50 = 300; carrier 5 x 100 = 500;
        # 10 returns x 3 = 30; storage 2 m³ x 20 = 40  -> 870, 8.70 per order
        self.assertIn("870.00", response.text)
        self.assertIn("8.70", response.text)
        self.assertIn("Order base", response.text)

    def test_bad_input_gets_a_clear_message(self):
        cases = [
            ({"orders": "-5"}, "Orders per month: must be between 1 and 1000000"),
            ({"orders": "lots"}, "Orders per month: enter a number"),
            ({"units_per_order": "5000"}, "Units per order: must be between 1 and 100"),
            ({"weight": "nan"}, "Average weight per unit (kg)"),
            ({"mix_domestic": "50"}, "the shares must add up to 100"),
        ]
        for change, message in cases:
            response = self._get(**dict(PARAMS, **change))
            self.assertEqual(response.status_code, 400, change)
            self.assertIn(message, response.text)
            self.assertNotIn("o_fq_result", response.text)

    def test_rate_limited_per_ip(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "fulfillment_pricing.quote_limit", 3
        )
        codes = [self._get(**PARAMS).status_code for _i in range(4)]
        self.assertEqual(codes, [200, 200, 200, 429])
        self.assertIn("Too many quotes", self._get(**PARAMS).text)
        # the plain page stays available
        self.assertEqual(self._get().status_code, 200)

    def test_french_and_german(self):
        fr = self._get("/fulfillment/quote/fr", **PARAMS).text
        self.assertIn("Commandes par mois", fr)
        self.assertIn("Coût par commande", fr)
        de = self._get("/fulfillment/quote/de", **dict(PARAMS, orders="x")).text
        self.assertIn("Bestellungen pro Monat", de)
        self.assertIn("Geben Sie eine Zahl ein", de)
        self.assertEqual(self._get("/fulfillment/quote/xx").status_code, 404)

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")  # XML-RPC is deprecated in 19
    def test_xmlrpc_quote_and_cost_lines(self):
        new_test_user(
            self.env,
            "fp_rpc",
            groups="sales_team.group_sale_salesman",
            password="fp_rpc_pw1",
        )
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, "fp_rpc", "fp_rpc_pw1", {}
        )
        result = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            "fp_rpc_pw1",
            "fulfillment.rate.card",
            "quote_hypothetical_order",
            [{"units": 3, "weight": 0.5, "volume": 0.002, "zone": "domestic"}],
            {"card_id": self.card.id},
        )
        self.assertEqual(result["card"], "Tour 3PL card")
        self.assertAlmostEqual(result["total"], 3.0 + 5.0)
        self.assertEqual(
            {line["component"] for line in result["lines"]}, {"pick_pack", "carrier"}
        )
        fields = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            "fp_rpc_pw1",
            "fulfillment.cost.line",
            "fields_get",
            [],
            {"attributes": ["type"]},
        )
        self.assertIn("unit_price", fields)


@tagged("post_install", "-at_install")
class TestQuoteTourDesktop(QuoteCase):
    browser_size = "1366x768"

    def test_quote_tour(self):
        self.start_tour("/fulfillment/quote", "fulfillment_quote_tour")


@tagged("post_install", "-at_install")
class TestQuoteTourPhone(QuoteCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_quote_tour(self):
        self.start_tour("/fulfillment/quote", "fulfillment_quote_tour")
