# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rate shopping with real provider hooks: Sendcloud carriers against the fake
Sendcloud API (0.3 s latency) next to Odoo's price-rule carriers."""

import socket
import threading
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.delivery_sendcloud.tests import fake_sendcloud

from .real_timeouts import RealTimeoutsMixin


class InFlight:
    """Counts the requests the fake server is answering at the same moment."""

    def __init__(self):
        self.lock = threading.Lock()
        self.now = 0
        self.max = 0

    def wrap(self, dispatch):
        counter = self

        def counted(handler, method):
            with counter.lock:
                counter.now += 1
                counter.max = max(counter.max, counter.now)
            try:
                return dispatch(handler, method)
            finally:
                with counter.lock:
                    counter.now -= 1

        return counted


@tagged("post_install", "-at_install")
class TestSendcloudRates(RealTimeoutsMixin, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = fake_sendcloud.FakeSendcloudServer(latency=0.3).start()
        cls.addClassCleanup(cls.fake.stop)
        # a server that accepts connections and never answers: a timeout
        cls.silent = socket.socket()
        cls.silent.bind(("127.0.0.1", 0))
        cls.silent.listen(8)
        cls.addClassCleanup(cls.silent.close)
        lu = cls.env.ref("base.lu")
        cls.env.company.partner_id.write(
            {"street": "1 rue de l'Entrepot", "zip": "1111", "city": "Luxembourg"}
        )
        cls.env.company.country_id = lu
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        warehouse.partner_id.write(
            {
                "street": "1 rue de l'Entrepot",
                "zip": "1111",
                "city": "Luxembourg",
                "country_id": lu.id,
            }
        )
        Carrier = cls.env["delivery.carrier"]
        Carrier.search([]).active = False

        def ship(name):
            # one product per carrier: a fixed carrier's price is its product's
            return (
                cls.env["product.product"]
                .create({"name": f"Ship {name}", "type": "service"})
                .id
            )

        cls.rule_post = Carrier.create(
            {
                "name": "Rule Post",
                "delivery_type": "base_on_rule",
                "product_id": ship("rule"),
                "transit_days": 2,
                "price_rule_ids": [
                    (
                        0,
                        0,
                        {
                            "variable": "weight",
                            "operator": "<=",
                            "max_value": 30,
                            "list_base_price": 6.5,
                        },
                    )
                ],
            }
        )
        cls.fixed = Carrier.create(
            {
                "name": "Fixed Courier",
                "delivery_type": "fixed",
                "fixed_price": 9.0,
                "product_id": ship("fixed"),
                "transit_days": 1,
            }
        )

        def sendcloud(name, code, endpoint=None, secret="test-secret", timeout=5):
            carrier = Carrier.create(
                {
                    "name": name,
                    "delivery_type": "sendcloud",
                    "product_id": ship(name),
                    "sendcloud_shipping_option_code": code,
                    "sendcloud_timeout": timeout,
                }
            )
            carrier.sendcloud_endpoint = endpoint or cls.fake.url
            carrier.write(
                {
                    "sendcloud_public_key": "test-public",
                    "sendcloud_secret_key": secret,
                }
            )
            return carrier

        cls.postnl = sendcloud("SC PostNL", "postnl:standard")
        cls.bpost = sendcloud("SC bpost", "bpost:home")
        cls.bad_key = sendcloud("SC DPD", "dpd:home", secret="wrong")
        port = cls.silent.getsockname()[1]
        cls.mute = sendcloud(
            "SC silent",
            "dpd:home",
            endpoint=f"http://127.0.0.1:{port}/api/v3",
            timeout=1,
        )
        product = cls.env["product.product"].create(
            {"name": "Sendcloud mug", "is_storable": True, "weight": 0.5}
        )
        customer = cls.env["res.partner"].create(
            {
                "name": "Claire Acheteuse",
                "street": "2 rue du Fort",
                "zip": "2222",
                "city": "Luxembourg",
                "country_id": lu.id,
            }
        )
        team = cls.env["crm.team"].create(
            {"name": "Shop (Sendcloud test)", "shipping_rule": "cheapest"}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "team_id": team.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 2})
                ],
            }
        )

    def test_sendcloud_rates_concurrently_and_faults_stay_apart(self):
        counter = InFlight()
        with patch.object(
            fake_sendcloud._Handler,
            "_dispatch",
            counter.wrap(fake_sendcloud._Handler._dispatch),
        ):
            self.order.action_shop_rates()
        rates = {r.carrier_id: r for r in self.order.shipping_rate_ids}
        self.assertEqual(len(rates), 6)
        self.assertEqual(rates[self.postnl].price, 4.95)
        self.assertEqual(rates[self.bpost].price, 5.80)
        self.assertEqual(rates[self.rule_post].price, 6.5)
        self.assertEqual(rates[self.fixed].price, 9.0)
        self.assertFalse(rates[self.bad_key].available)
        self.assertIn("Sendcloud", rates[self.bad_key].reason)
        self.assertFalse(rates[self.mute].available)
        self.assertIn("timeout", rates[self.mute].reason)
        self.assertTrue(rates[self.postnl].chosen)
        self.assertEqual(self.order.carrier_id, self.postnl)
        # the three Sendcloud carriers that reach the server were there together
        self.assertEqual(len(self.fake.calls("rates")), 3)
        self.assertEqual(counter.max, 3)
