# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SendcloudCase


@tagged("post_install", "-at_install")
class TestSendcloudRates(SendcloudCase):
    def test_rate_shipment_prices_the_order_from_the_warehouse(self):
        order = self.make_order([(self.mug, 2), (self.lamp, 1)])
        result = self.carrier.rate_shipment(order)
        self.assertTrue(result["success"], result["error_message"])
        self.assertAlmostEqual(result["price"], 4.95)
        self.assertEqual(result["transit_days"], 1)
        (call,) = self.server.calls("rates")
        sent = call["json"]
        self.assertEqual(sent["shipping_option_code"], "postnl:standard")
        self.assertEqual(sent["from_address"]["city"], "Foetz")
        self.assertEqual(sent["from_address"]["country_code"], "LU")
        self.assertEqual(sent["to_address"]["postal_code"], "75002")
        # 2 x 0.5 kg + 2 kg, in the default box of 40 x 30 x 20 cm
        self.assertEqual(sent["parcels"][0]["weight"], {"value": "3.000", "unit": "kg"})
        self.assertEqual(sent["parcels"][0]["dimensions"]["length"], "40.00")

    def test_request_and_parse_pair_for_concurrent_rating(self):
        order = self.make_order([(self.mug, 1)])
        request = self.carrier.sendcloud_rate_request(order)
        self.assertEqual(set(request), {"method", "url", "headers", "json", "timeout"})
        self.assertEqual(request["url"], self.server.url + "/shipping-options")
        self.assertEqual(request["timeout"], 2)
        self.assertFalse(self.server.requests, "building the request sends nothing")
        body = {
            "data": [
                {
                    "code": "postnl:standard",
                    "quotes": [
                        {
                            "price": {"total": {"value": "7.10", "currency": "EUR"}},
                            "lead_time": 48,
                        }
                    ],
                }
            ]
        }
        result = self.carrier.sendcloud_rate_parse(order, 200, body)
        self.assertEqual(
            (result["success"], result["price"], result["transit_days"]),
            (True, 7.10, 2),
        )
        refused = self.carrier.sendcloud_rate_parse(
            order,
            429,
            {"errors": [{"status": "429", "code": "throttled", "detail": "Slow"}]},
            {"Retry-After": "30"},
        )
        self.assertFalse(refused["success"])
        self.assertIn("retry in 30 s", refused["error_message"])
        lost = self.carrier.sendcloud_rate_parse(order, None, None)
        self.assertFalse(lost["success"])
        self.assertIn("did not answer within 2 s", lost["error_message"])
        self.assertIn(self.carrier.name, refused["error_message"])

    def test_rate_faults_are_reported_not_raised(self):
        order = self.make_order([(self.mug, 1)])
        for kind, text in (
            (401, "refused the API keys"),
            (422, "/parcels/0/weight/value"),
            (500, "unavailable"),
            ("timeout", "did not answer within 2 s"),
        ):
            with self.subTest(kind=kind):
                # Odoo's test harness raises any timeout under 10 s to 10 s.
                self.server.fail("rates", kind, delay=10.5)
                result = self.carrier.rate_shipment(order)
                self.assertFalse(result["success"])
                self.assertIn(text, result["error_message"])

    def test_unknown_shipping_option_is_not_available(self):
        self.carrier.sendcloud_shipping_option_code = "ups:unknown"
        result = self.carrier.rate_shipment(self.make_order([(self.mug, 1)]))
        self.assertFalse(result["success"])
        self.assertIn(
            "no price for the shipping option ups:unknown", result["error_message"]
        )

    def test_rate_without_keys_names_the_carrier(self):
        self.carrier.sendcloud_secret_key = False
        result = self.carrier.rate_shipment(self.make_order([(self.mug, 1)]))
        self.assertFalse(result["success"])
        self.assertIn("SC PostNL has no Sendcloud keys", result["error_message"])
        self.assertFalse(self.server.requests)


@tagged("post_install", "-at_install")
class TestSendcloudLabels(SendcloudCase):
    def test_validating_the_delivery_makes_the_label(self):
        picking = self.make_picking([(self.mug, 2)])
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        (announce,) = self.server.calls("announce")
        sent = announce["json"]
        self.assertEqual(
            sent["ship_with"]["properties"]["shipping_option_code"], "postnl:standard"
        )
        self.assertEqual(sent["from_address"]["name"], "SC Warehouse")
        self.assertEqual(sent["to_address"]["name"], "Claire Martin")
        self.assertEqual(sent["reference"], picking.name)
        self.assertEqual(sent["parcels"][0]["weight"]["value"], "1.000")
        self.assertEqual(sent["parcels"][0]["parcel_items"][0]["sku"], "SC-MUG")
        tracking = picking.carrier_tracking_ref
        self.assertRegex(tracking, r"^3SSEND\d+$")
        label = self.labels_of(picking)
        self.assertEqual(len(label), 1)
        self.assertTrue(label.raw.startswith(b"%PDF"))
        self.assertIn(tracking.encode(), label.raw)
        self.assertIn(tracking, picking.carrier_tracking_url)
        self.assertAlmostEqual(picking.carrier_price, 4.95)
        self.assertTrue(picking.sendcloud_shipment_id)

    def test_weight_entered_at_packing_is_used(self):
        picking = self.make_picking([(self.mug, 2)])
        picking.shipping_weight = 3.25
        self.carrier.send_shipping(picking)
        sent = self.server.calls("announce")[0]["json"]
        self.assertEqual(sent["parcels"][0]["weight"]["value"], "3.250")

    def test_parcel_count_splits_the_weight_and_gives_a_label_each(self):
        picking = self.make_picking([(self.lamp, 3)], parcel_count=3)
        picking.button_validate()
        sent = self.server.calls("announce")[0]["json"]
        self.assertEqual([p["weight"]["value"] for p in sent["parcels"]], ["2.000"] * 3)
        self.assertEqual(len(self.server.calls("label")), 3)
        numbers = picking.carrier_tracking_ref.split(",")
        self.assertEqual(len(numbers), 3)
        labels = self.labels_of(picking)
        self.assertEqual(len(labels), 3)
        for number in numbers:
            self.assertTrue(any(number.encode() in label.raw for label in labels))
        links = picking.get_multiple_carrier_tracking()
        self.assertEqual([link[0] for link in links], numbers)
        # 3 parcels are rated as 3 parcels
        self.assertAlmostEqual(picking.carrier_price, 3 * 4.95)

    def test_one_parcel_per_odoo_package_with_its_dimensions(self):
        picking = self.make_picking([(self.mug, 1), (self.lamp, 1)], parcel_count=5)
        small = self.env["stock.package.type"].create(
            {"name": "SC small", "packaging_length": 250, "width": 150, "height": 100}
        )
        for line, package_type in zip(
            picking.move_line_ids, (small, self.box), strict=True
        ):
            line.result_package_id = self.env["stock.package"].create(
                {"package_type_id": package_type.id}
            )
        self.carrier.send_shipping(picking)
        parcels = self.server.calls("announce")[0]["json"]["parcels"]
        self.assertEqual(len(parcels), 2, "packages win over the parcel count")
        self.assertEqual(
            sorted(p["dimensions"]["length"] for p in parcels), ["25.00", "40.00"]
        )
        self.assertEqual(
            sorted(p["weight"]["value"] for p in parcels), ["0.500", "2.000"]
        )

    def test_test_environment_uses_free_test_labels(self):
        self.carrier.prod_environment = False
        picking = self.make_picking([(self.mug, 1)])
        self.carrier.send_shipping(picking)
        sent = self.server.calls("announce")[0]["json"]
        self.assertEqual(
            sent["ship_with"]["properties"]["shipping_option_code"],
            "sendcloud:letter",
        )

    def test_cancel_label(self):
        picking = self.make_picking([(self.mug, 1)])
        picking.button_validate()
        shipment_id = picking.sendcloud_shipment_id
        picking.cancel_shipment()
        (cancel,) = self.server.calls("cancel")
        self.assertEqual(cancel["path"], f"/api/v3/shipments/{shipment_id}/cancel")
        self.assertEqual(self.server.shipments[shipment_id]["status"], "cancelled")
        self.assertFalse(picking.carrier_tracking_ref)
        self.assertFalse(picking.sendcloud_shipment_id)
        self.assertFalse(picking.carrier_tracking_url)

    def test_cancel_refused_names_the_delivery(self):
        picking = self.make_picking([(self.mug, 1)])
        picking.button_validate()
        self.server.shipments[picking.sendcloud_shipment_id]["status"] = "cancelled"
        with self.assertRaisesRegex(UserError, f"{picking.name}.*already being"):
            picking.cancel_shipment()
        self.assertTrue(picking.carrier_tracking_ref)

    def test_incomplete_address_is_refused_before_any_call(self):
        self.customer.zip = False
        picking = self.make_picking([(self.mug, 1)])
        with self.assertRaisesRegex(UserError, f"{picking.name}.*Claire Martin.*ZIP"):
            self.carrier.send_shipping(picking)
        self.assertFalse(self.server.requests)

    def test_no_weight_is_refused(self):
        feather = self.env["product.product"].create(
            {"name": "SC Feather", "type": "consu", "weight": 0}
        )
        picking = self.make_picking([(feather, 1)])
        with self.assertRaisesRegex(UserError, f"{picking.name} has no weight"):
            self.carrier.send_shipping(picking)
        self.assertFalse(self.server.calls("announce"))

    def assertNothingWritten(self, picking):
        self.assertFalse(picking.carrier_tracking_ref)
        self.assertFalse(picking.sendcloud_shipment_id)
        self.assertFalse(self.labels_of(picking))

    @mute_logger("odoo.addons.delivery_sendcloud.models.delivery_carrier")
    def test_each_fault_is_a_clear_error_and_nothing_is_written(self):
        cases = (
            (401, "refused the API keys"),
            (422, "/parcels/0/weight/value"),
            (429, "retry in 9 s"),
            (500, "unavailable"),
            ("timeout", "did not answer within 2 s"),
            ("refused", "carrier refused the shipment"),
        )
        for kind, text in cases:
            with self.subTest(kind=kind):
                self.server.reset()
                picking = self.make_picking([(self.mug, 1)])
                self.server.fail("announce", kind, retry_after=9, delay=10.5)
                with self.assertRaises(UserError) as caught:
                    picking.send_to_shipper()
                self.assertIn(picking.name, str(caught.exception))
                self.assertIn(text, str(caught.exception))
                self.assertNothingWritten(picking)
                if kind == "refused":
                    # the half-made shipment is cancelled at Sendcloud
                    self.assertEqual(len(self.server.calls("cancel")), 1)
                if kind in ("timeout", 500):
                    # the answer was lost: whatever Sendcloud made with this
                    # attempt's reference is looked up and cancelled
                    (lookup,) = self.server.calls("shipments")
                    reference = self.server.calls("announce")[0]["json"][
                        "external_reference_id"
                    ]
                    self.assertIn(f"external_reference_id={reference}", lookup["path"])
                if kind == "timeout":
                    (shipment,) = self.server.shipments.values()
                    self.assertEqual(shipment["status"], "cancelled")

    @mute_logger("odoo.addons.delivery_sendcloud.models.delivery_carrier")
    def test_label_download_failure_cancels_the_shipment(self):
        picking = self.make_picking([(self.lamp, 2)], parcel_count=2)
        self.server.fail("label", 500)
        with self.assertRaisesRegex(UserError, f"{picking.name}.*unavailable"):
            picking.send_to_shipper()
        self.assertNothingWritten(picking)
        (cancel,) = self.server.calls("cancel")
        shipment_id = cancel["path"].split("/")[-2]
        self.assertEqual(self.server.shipments[shipment_id]["status"], "cancelled")

    def test_too_many_parcels(self):
        picking = self.make_picking([(self.mug, 1)], parcel_count=16)
        with self.assertRaisesRegex(UserError, "at most 15 parcels"):
            self.carrier.send_shipping(picking)
        self.assertFalse(self.server.requests)

    def test_parcel_count_at_least_one(self):
        picking = self.make_picking([(self.mug, 1)])
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            picking.parcel_count = 0
            picking.flush_recordset()

    def test_worker_enters_parcels_on_the_delivery_form(self):
        picker = new_test_user(
            self.env, "sc_form_picker", groups="stock.group_stock_user"
        )
        picking = self.make_picking([(self.lamp, 2)])
        with Form(picking.with_user(picker)) as form:
            self.assertEqual(form.parcel_count, 1)
            form.parcel_count = 2
        self.carrier.send_shipping(picking)
        self.assertEqual(len(self.server.calls("announce")[0]["json"]["parcels"]), 2)

    def test_errors_speak_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["delivery_sendcloud"], ["fr_FR"]
        )
        feather = self.env["product.product"].create(
            {"name": "SC Plume", "type": "consu", "weight": 0}
        )
        picking = self.make_picking([(feather, 1)])
        carrier = self.carrier.with_context(lang="fr_FR")
        with self.assertRaisesRegex(UserError, f"{picking.name} n'a pas de poids"):
            carrier.send_shipping(picking)
        self.server.fail("announce", 500)
        picking = self.make_picking([(self.mug, 1)])
        with self.assertRaisesRegex(UserError, "Sendcloud est indisponible"):
            carrier.send_shipping(picking)

    def test_tracking_link_of_several_parcels_is_odoo_json(self):
        picking = self.make_picking([(self.lamp, 2)], parcel_count=2)
        self.carrier.send_shipping(picking)
        links = json.loads(picking.sendcloud_tracking_url)
        self.assertEqual(len(links), 2)
        self.assertTrue(all(url.startswith("https://") for _number, url in links))
