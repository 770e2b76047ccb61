# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.delivery_sendcloud.tests import fake_sendcloud

from .fake_rates import FakeRateServer
from .real_timeouts import RealTimeoutsMixin


class ShippingCase(RealTimeoutsMixin, BaseCommon):
    """Two price-rule carriers and three carriers answering through the concurrent
    rate hooks (a fake rate API on 127.0.0.1 with 0.3 s latency: one cheap and
    slow to deliver, one that fails, one that times out)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lu = cls.env.ref("base.lu")
        Product = cls.env["product.product"]
        cls.product = Product.create(
            {
                "name": "Shipping test mug",
                "is_storable": True,
                "weight": 0.5,
                "list_price": 20.0,
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product,
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.env.company.id)], limit=1)
            .lot_stock_id,
            100,
        )

        def ship(name):
            # one product per carrier: a fixed carrier's price is its product's
            return Product.create({"name": f"Shipping {name}", "type": "service"}).id

        Carrier = cls.env["delivery.carrier"]
        cls.rule_post = Carrier.create(
            {
                "name": "Rule Post",
                "delivery_type": "base_on_rule",
                "product_id": ship("rule"),
                "transit_days": 2,
                "sequence": 1,
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
        cls.fixed_courier = Carrier.create(
            {
                "name": "Fixed Courier",
                "delivery_type": "fixed",
                "fixed_price": 9.0,
                "product_id": ship("fixed"),
                "transit_days": 1,
                "sequence": 2,
            }
        )
        cls.api = {}
        for seq, name in enumerate(("eco", "down", "slow"), start=3):
            cls.api[name] = Carrier.create(
                {
                    "name": f"API {name}",
                    "delivery_type": "fixed",
                    "fixed_price": 0.5,
                    "product_id": ship(name),
                    "sequence": seq,
                }
            )
        cls.api_paths = {
            cls.api["eco"].id: "/rate/eco",
            cls.api["down"].id: "/fail/down",
            cls.api["slow"].id: "/slow/slow",
        }
        cls.carriers = (
            cls.rule_post | cls.fixed_courier | Carrier.concat(*cls.api.values())
        )
        # keep the test's carriers alone (a database may hold others)
        (Carrier.search([]) - cls.carriers).active = False
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Claire Acheteuse",
                "email": "claire@example.lu",
                "lang": "en_US",
                "street": "1 rue du Fort",
                "zip": "1111",
                "city": "Luxembourg",
                "country_id": cls.lu.id,
            }
        )
        cls.team = cls.env["crm.team"].create(
            {"name": "Letzshop (shipping test)", "shipping_rule": "cheapest"}
        )
        cls.vendor = new_test_user(
            cls.env,
            login="fs_vendor",
            groups="sales_team.group_sale_manager,stock.group_stock_manager",
        )
        cls.worker = new_test_user(
            cls.env, login="fs_worker", groups="stock.group_stock_user"
        )

    def setUp(self):
        super().setUp()
        # a server per test: a request left waiting by a timeout is not counted in
        # the next test
        self.server = FakeRateServer(
            latency=0.3, prices={"eco": (3.9, 5), "express": (12.0, 1)}
        ).start()
        self.addCleanup(self.server.stop)
        server, paths = self.server, self.api_paths

        def hooks(carrier):
            path = paths.get(carrier.id)
            if not path:
                return None, None

            def request(order):
                return {
                    "method": "POST",
                    "url": server.url + path,
                    "headers": {"Content-Type": "application/json"},
                    "json": {"weight": order.shipping_weight},
                    "timeout": 1.0,
                }

            def parse(order, status_code, body):
                if status_code != 200:
                    message = body["error"]["message"]
                    return {
                        "success": False,
                        "price": 0.0,
                        "error_message": f"HTTP {status_code}: {message}",
                        "warning_message": False,
                    }
                data = body
                return {
                    "success": True,
                    "price": data["price"],
                    "error_message": False,
                    "warning_message": False,
                    "transit_days": data["transit_days"],
                }

            return request, parse

        patcher = patch.object(
            type(self.env["delivery.carrier"]), "_fulfillment_rate_hooks", hooks
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def _order(self, team=None, qty=2, partner=None):
        partner = partner or self.customer
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "team_id": (team or self.team).id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": qty})
                ],
            }
        )


class LabelCarrierMixin:
    """A Sendcloud carrier on delivery_sendcloud's fake API (no latency) that makes
    the labels: tracking numbers and label PDFs attached to the delivery."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = fake_sendcloud.FakeSendcloudServer().start()
        cls.addClassCleanup(cls.fake.stop)
        lu = cls.env.ref("base.lu")
        address = {
            "street": "1 rue de l'Entrepot",
            "zip": "1111",
            "city": "Luxembourg",
            "country_id": lu.id,
        }
        cls.env.company.partner_id.write(address)
        cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)]
        ).partner_id.write(address)
        cls.label_carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Sendcloud PostNL",
                "delivery_type": "sendcloud",
                "product_id": cls.env["product.product"]
                .create({"name": "Sendcloud shipping", "type": "service"})
                .id,
                "sendcloud_shipping_option_code": "postnl:standard",
                "tracking_url": "https://track.example.com/?id=<shipmenttrackingnumber>",
            }
        )
        cls.label_carrier.sendcloud_endpoint = cls.fake.url
        cls.label_carrier.write(
            {
                "sendcloud_public_key": "test-public",
                "sendcloud_secret_key": "test-secret",
            }
        )

    def setUp(self):
        super().setUp()
        self.fake.reset()
