# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The protocol client on its own, against the fake server (no ORM)."""

import base64

from odoo.tests import BaseCase, tagged

from .. import sendcloud_client as sc
from .fake_sendcloud import FakeSendcloudServer

FROM = {
    "name": "Shop",
    "address_line_1": "2 rue du Dépôt",
    "postal_code": "L-3895",
    "city": "Foetz",
    "country_code": "LU",
}
TO = {
    "name": "Claire Martin",
    "address_line_1": "12 rue de la Paix",
    "postal_code": "75002",
    "city": "Paris",
    "country_code": "FR",
}


def shipment(parcels=1, code="postnl:standard"):
    return {
        "from_address": FROM,
        "to_address": TO,
        "ship_with": {
            "type": "shipping_option_code",
            "properties": {"shipping_option_code": code},
        },
        "parcels": [{"weight": sc.weight(1.2)} for _i in range(parcels)],
    }


@tagged("post_install", "-at_install")
class TestSendcloudClient(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FakeSendcloudServer(public_key="pk", secret_key="sk").start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        super().setUp()
        self.server.reset()
        self.client = sc.SendcloudClient("pk", "sk", self.server.url, timeout=1)

    def test_build_request_is_a_plain_dict_with_basic_auth(self):
        request = sc.build_request(
            "https://panel.sendcloud.sc/api/v3/", "pk", "sk", "POST", "/x", {"a": 1}, 7
        )
        self.assertEqual(request["url"], "https://panel.sendcloud.sc/api/v3/x")
        self.assertEqual(request["json"], {"a": 1})
        self.assertEqual(request["timeout"], 7)
        self.assertEqual(
            request["headers"]["Authorization"],
            "Basic " + base64.b64encode(b"pk:sk").decode(),
        )

    def test_rate_reads_price_and_lead_time(self):
        payload = sc.rate_payload(
            FROM, TO, [{"weight": sc.weight(2)}] * 2, "dpd:home", None
        )
        rate = self.client.rate(payload, "dpd:home")
        self.assertEqual(rate, {"price": 13.0, "currency": "EUR", "transit_days": 2})
        sent = self.server.calls("rates")[0]["json"]
        self.assertTrue(sent["calculate_quotes"])
        self.assertEqual(sent["shipping_option_code"], "dpd:home")

    def test_unknown_option_is_a_clear_error(self):
        payload = sc.rate_payload(FROM, TO, [{"weight": sc.weight(2)}], "ups:x", None)
        with self.assertRaisesRegex(sc.SendcloudError, "no shipping option 'ups:x'"):
            self.client.rate(payload, "ups:x")

    def test_announce_single_parcel_returns_the_inline_label(self):
        result = self.client.announce(shipment())
        (parcel,) = result["parcels"]
        self.assertTrue(parcel["tracking_number"].startswith("3SSEND"))
        self.assertTrue(parcel["label"].startswith(b"%PDF-1.4"))
        self.assertIn(result["shipment_id"], self.server.shipments)

    def test_multicollo_labels_are_fetched_per_parcel(self):
        result = self.client.announce(shipment(parcels=3))
        self.assertEqual(len(result["parcels"]), 3)
        self.assertTrue(all(p["label"] is None for p in result["parcels"]))
        pdf = self.client.label(result["parcels"][1]["id"])
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn(result["parcels"][1]["tracking_number"].encode(), pdf)

    def test_wrong_keys_give_an_auth_error(self):
        client = sc.SendcloudClient("pk", "wrong", self.server.url, timeout=1)
        with self.assertRaisesRegex(sc.SendcloudAuthError, "refused the API keys"):
            client.announce(shipment())

    def test_422_names_the_field(self):
        self.server.fail("announce", 422, pointer="/to_address/postal_code")
        with self.assertRaises(sc.SendcloudValidationError) as caught:
            self.client.announce(shipment())
        self.assertIn("/to_address/postal_code", str(caught.exception))
        self.assertEqual(caught.exception.fields, ["/to_address/postal_code"])

    def test_400_from_real_validation_names_the_field(self):
        payload = shipment()
        payload["to_address"] = dict(TO, city="")
        with self.assertRaisesRegex(sc.SendcloudValidationError, "/to_address/city"):
            self.client.announce(payload)

    def test_429_carries_retry_after(self):
        self.server.fail("announce", 429, retry_after=7)
        with self.assertRaises(sc.SendcloudRateLimited) as caught:
            self.client.announce(shipment())
        self.assertEqual(caught.exception.retry_after, 7)
        self.assertIn("Retry in 7 s", str(caught.exception))

    def test_5xx_is_a_server_error(self):
        self.server.fail("rates", 500)
        with self.assertRaisesRegex(sc.SendcloudServerError, "HTTP 500"):
            self.client.rate(
                sc.rate_payload(FROM, TO, [{"weight": sc.weight(1)}], "dpd:home", 0),
                "dpd:home",
            )

    def test_timeout_is_reported(self):
        # Odoo's test harness raises any timeout under 10 s to 10 s.
        self.server.fail("announce", "timeout", delay=10.5)
        with self.assertRaisesRegex(sc.SendcloudTimeout, "within 1 s"):
            self.client.announce(shipment())

    def test_carrier_refusal_keeps_the_shipment_id_to_cancel(self):
        self.server.fail("announce", "refused", detail="Address not deliverable")
        with self.assertRaises(sc.SendcloudAnnouncementError) as caught:
            self.client.announce(shipment())
        self.assertIn("Address not deliverable", str(caught.exception))
        self.assertIn(caught.exception.shipment_id, self.server.shipments)

    def test_cancel_then_cancel_again_is_refused(self):
        result = self.client.announce(shipment())
        self.assertEqual(self.client.cancel(result["shipment_id"]), "cancelled")
        with self.assertRaisesRegex(sc.SendcloudError, "already being cancelled"):
            self.client.cancel(result["shipment_id"])

    def test_shipments_are_found_by_external_reference(self):
        payload = dict(shipment(), external_reference_id="odoo-1-abc")
        result = self.client.announce(payload)
        self.assertEqual(
            self.client.find_shipments("odoo-1-abc"), [result["shipment_id"]]
        )
        self.assertEqual(self.client.find_shipments("odoo-1-other"), [])
        with self.assertRaises(sc.SendcloudError) as caught:
            self.client.announce(payload)
        self.assertEqual(caught.exception.status, 409)
