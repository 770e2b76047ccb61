import json
from unittest.mock import patch

from odoo.tests import BaseCase, tagged

from .. import letzshop_api
from .fake_letzshop import FakeLetzshopServer


@tagged("post_install", "-at_install")
class TestLetzshopApi(BaseCase):
    """The plain adapter, without the ORM."""

    def test_retry_after(self):
        self.assertEqual(letzshop_api.parse_retry_after("17"), 17)
        self.assertIsNone(letzshop_api.parse_retry_after(""))
        self.assertIsNone(letzshop_api.parse_retry_after("soon"))
        date = "Wed, 21 Oct 2015 07:28:00 GMT"
        self.assertEqual(letzshop_api.parse_retry_after(date, now=1445412470), 10)

    def test_key_not_in_repr(self):
        client = letzshop_api.LetzshopClient("http://127.0.0.1:1/graphql", "secret-key")
        self.assertNotIn("secret-key", repr(client))

    def test_unreachable_is_a_network_error(self):
        client = letzshop_api.LetzshopClient(
            "http://127.0.0.1:1/graphql", "k", timeout=1
        )
        with self.assertRaises(letzshop_api.LetzshopNetworkError) as ctx:
            client.execute("{ x }")
        self.assertTrue(ctx.exception.retryable)

    def test_oversized_answer_is_refused_not_read(self):
        big = json.dumps({"data": {"shipments": {"nodes": [], "x": "y" * 5000}}})
        with (
            FakeLetzshopServer(api_key="k") as server,
            patch.object(letzshop_api, "MAX_RESPONSE_BYTES", 4096),
        ):
            server.faults.append({"body": big})
            client = letzshop_api.LetzshopClient(server.url, "k", timeout=5)
            with self.assertRaises(letzshop_api.LetzshopResponseError) as ctx:
                client.execute("{ shipments(state: unconfirmed) { nodes { id } } }")
            self.assertIn("more than 4 kB", str(ctx.exception))
            # an answer within the limit is read as before
            data = client.execute("{ shipments(state: unconfirmed) { nodes { id } } }")
        self.assertEqual(data, {"shipments": {"nodes": []}})
