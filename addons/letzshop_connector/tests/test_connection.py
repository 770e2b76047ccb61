from odoo.tests import tagged

from .. import letzshop_schema
from .common import API_KEY, LetzshopCase
from .fake_letzshop import SDL, FakeLetzshopServer


@tagged("post_install", "-at_install")
class TestConnection(LetzshopCase):
    def test_connection_ok(self):
        action = self.account.action_test_connection()
        self.assertEqual(self.account.state, "ok")
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("confirm", self.account.connection_report)
        self.assertEqual(self.logs()[0].operation, "test")

    def test_wrong_key(self):
        self.account.api_key = "nope"
        self.account.action_test_connection()
        self.assertEqual(self.account.state, "auth_error")

    def test_schema_without_tracking_mutation_is_reported(self):
        sdl = SDL.replace(
            "  setShipmentTracking(input: SetShipmentTrackingInput!): "
            "SetShipmentTrackingPayload!\n",
            "",
        ).replace("first: Int, after: String", "first: Int")
        self.assertNotEqual(sdl, SDL)
        with FakeLetzshopServer(api_key=API_KEY, sdl=sdl) as other:
            self.account.write({"endpoint": other.url, "api_key": API_KEY})
            action = self.account.action_test_connection()
        self.assertEqual(self.account.state, "schema")
        self.assertEqual(action["params"]["type"], "warning")
        report = self.account.connection_report
        self.assertIn("tracking", report)
        self.assertIn("setShipmentTracking", report)
        self.assertIn("after", report)
        self.assertNotIn("- confirm:", report.split("Assumptions")[0])

    def test_every_document_is_valid_for_the_fake_schema(self):
        from graphql import build_schema, graphql_sync

        schema = build_schema(SDL)
        introspection = graphql_sync(schema, letzshop_schema.introspection_query()).data
        self.assertEqual(letzshop_schema.check_schema(introspection), [])
        self.assertTrue(letzshop_schema.check_schema({"__schema": None}))

    def test_literals_are_escaped(self):
        doc = letzshop_schema.set_tracking_mutation('1"}) { x } #', "A\tB", "post")
        self.assertIn('shipmentId: "1\\"}) { x } #"', doc)
        with self.assertRaises(ValueError):
            letzshop_schema.shipments_query("shipped) { hack", 1)
