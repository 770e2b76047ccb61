# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import os
from unittest.mock import patch

from odoo import Command
from odoo.tests import TransactionCase

from .fake_shopify import FakeShopify

TOKEN = "shpat_test_token"


class ShopifyChannelCase(TransactionCase):
    """A Luxembourg seller under the OSS scheme (destination VAT from the first
    euro), one Shopify shop served by a fake Shopify Admin API on 127.0.0.1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.server = FakeShopify(TOKEN).start()
        cls.addClassCleanup(cls.server.stop)
        # The connector's client speaks https only: trust the fake's certificate.
        cls.startClassPatcher(
            patch.dict(os.environ, {"REQUESTS_CA_BUNDLE": cls.server.cert_path})
        )
        cls.company = cls.env.company
        cls.company.write(
            {
                "oss_vat_enabled": True,
                "oss_opt_in": True,
                "oss_opt_in_date": "2026-01-01",
            }
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.tax_lu = cls.env["account.tax"].search(
            [
                ("company_id", "=", cls.company.id),
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("amount", "=", 17),
                ("price_include", "=", False),
                ("oss_vat_key", "=", False),
                ("country_id", "=", cls.company.account_fiscal_country_id.id),
            ],
            limit=1,
        )
        standard = cls.env["oss.vat.category"].search(
            [("code", "=", "standard")], limit=1
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "SC Tote bag",
                "company_id": cls.company.id,
                "is_storable": True,
                "default_code": "SC-TOTE",
                "list_price": 10.0,
                "taxes_id": [Command.set(cls.tax_lu.ids)],
                "oss_vat_category_id": standard.id,
            }
        )
        Partner = cls.env["res.partner"].with_context(oss_vies_no_check=True)
        cls.customer_fr = Partner.create(
            {
                "name": "Camille Martin",
                "email": "camille@example.fr",
                "country_id": cls.env.ref("base.fr").id,
                "zip": "75001",
            }
        )
        cls.instance = cls.env["shopify.instance"].create(
            {
                "name": "Atelier",
                "shop_url": cls.server.shop_url,
                "access_token": TOKEN,
                "order_confirmation_policy": "auto",
            }
        )
        cls.instance.state = "connected"
        cls.team = cls.instance.team_id
        cls.team.write(
            {
                "atp_warehouse_id": cls.warehouse.id,
                "atp_buffer_type": "units",
                "atp_buffer_qty": 1,
            }
        )
        template = cls.env["shopify.product.template"].create(
            {
                "instance_id": cls.instance.id,
                "shopify_id": "gid://shopify/Product/10",
                "odoo_id": cls.product.product_tmpl_id.id,
                "status": "ACTIVE",
                "state": "synced",
            }
        )
        cls.variant = cls.env["shopify.product.variant"].create(
            {
                "instance_id": cls.instance.id,
                "shopify_id": "gid://shopify/ProductVariant/20",
                "template_binding_id": template.id,
                "odoo_id": cls.product.id,
                "state": "synced",
            }
        )
        cls.variant.write(
            {
                "inventory_item_shopify_id": "gid://shopify/InventoryItem/30",
                "inventory_tracked": True,
            }
        )
        cls.location = cls.env["shopify.location"].create(
            {
                "instance_id": cls.instance.id,
                "shopify_id": "gid://shopify/Location/40",
                "name": "Atelier warehouse",
                "odoo_location_id": cls.warehouse.lot_stock_id.id,
            }
        )
        cls.env["shopify.customer"].create(
            {
                "instance_id": cls.instance.id,
                "shopify_id": "gid://shopify/Customer/50",
                "odoo_id": cls.customer_fr.id,
                "state": "synced",
            }
        )
        cls.level_key = (cls.variant.inventory_item_shopify_id, cls.location.shopify_id)

    def setUp(self):
        super().setUp()
        # The server lives for the class; each test starts from an empty shop.
        self.server.orders.clear()
        self.server.levels.clear()
        self.server.requests.clear()

    @classmethod
    def set_stock(cls, product, qty):
        cls.env["stock.quant"].with_context(
            skip_shopify_inventory_export=True
        )._update_available_quantity(product, cls.warehouse.lot_stock_id, qty)

    def money(self, amount):
        bag = {"amount": amount, "currencyCode": "EUR"}
        return {"shopMoney": bag, "presentmentMoney": dict(bag)}

    def order_payload(self, number, quantity, unit_price, total, status="PAID"):
        """An order as Shopify's Admin API returns it: VAT included, Shopify's
        own tax line at Luxembourg's 17 % (the glue decides VAT itself)."""
        return {
            "id": f"gid://shopify/Order/{number}",
            "name": f"#{number}",
            "number": number,
            "createdAt": "2026-03-02T09:00:00Z",
            "updatedAt": "2026-03-02T09:00:00Z",
            "cancelledAt": None,
            "displayFinancialStatus": status,
            "displayFulfillmentStatus": "UNFULFILLED",
            "sourceName": "web",
            "taxesIncluded": True,
            "note": None,
            "tags": [],
            "currencyCode": "EUR",
            "presentmentCurrencyCode": "EUR",
            "customer": {"id": "gid://shopify/Customer/50"},
            "shippingAddress": {"countryCodeV2": "FR"},
            "billingAddress": {"countryCodeV2": "FR"},
            "discountCodes": [],
            "currentSubtotalPriceSet": self.money(total),
            "currentTotalDiscountsSet": self.money("0.00"),
            "currentShippingPriceSet": self.money("0.00"),
            "currentTotalTaxSet": self.money("0.00"),
            "currentTotalPriceSet": self.money(total),
            "risk": {"assessments": [{"riskLevel": "LOW"}], "recommendation": "ACCEPT"},
            "lineItems": {
                "nodes": [
                    {
                        "id": f"gid://shopify/LineItem/{number}1",
                        "name": "Tote bag",
                        "sku": "SC-TOTE",
                        "quantity": quantity,
                        "currentQuantity": quantity,
                        "refundableQuantity": quantity,
                        "isGiftCard": False,
                        "variant": {"id": self.variant.shopify_id, "sku": "SC-TOTE"},
                        "product": {
                            "id": "gid://shopify/Product/10",
                            "isGiftCard": False,
                        },
                        "originalUnitPriceSet": self.money(unit_price),
                        "discountedUnitPriceAfterAllDiscountsSet": self.money(
                            unit_price
                        ),
                        "discountedTotalSet": self.money(total),
                        "discountAllocations": [],
                        "taxLines": [
                            {
                                "title": "TVA",
                                "rate": 0.17,
                                "priceSet": self.money("1.00"),
                            }
                        ],
                    }
                ]
            },
            "shippingLines": {"nodes": []},
            "transactions": [],
            "refunds": [],
            "returns": {"nodes": []},
        }

    def import_from_shopify(self, payload):
        self.server.orders[payload["id"]] = payload
        binding_id = self.env["shopify.order"]._job_import_order_from_api(
            self.instance.id, payload["id"]
        )
        binding = self.env["shopify.order"].browse(binding_id)
        self.assertEqual(binding.state, "synced", binding.error_message)
        return binding.odoo_id
