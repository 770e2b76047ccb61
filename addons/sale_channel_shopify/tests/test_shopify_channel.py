# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from unittest.mock import patch

import psycopg2

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import ShopifyChannelCase


@tagged("post_install", "-at_install")
class TestShopifyChannel(ShopifyChannelCase):
    def test_each_shop_has_its_own_sales_channel(self):
        self.assertEqual(self.team.name, "Shopify Atelier")
        self.assertEqual(self.team.company_id, self.company)
        other = self.env["shopify.instance"].create(
            {"name": "Outlet", "shop_url": "outlet.myshopify.com"}
        )
        self.assertEqual(other.team_id.name, "Shopify Outlet")
        self.assertNotEqual(other.team_id, self.team)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            other.team_id = self.team
            other.flush_recordset()

    def test_order_lands_in_the_shop_channel_with_our_vat(self):
        self.set_stock(self.product, 10)
        order = self.import_from_shopify(self.order_payload(1001, 2, "12.00", "24.00"))
        self.assertIn("ShopifyOrder", self.server.operations())
        self.assertEqual(order.team_id, self.team)
        self.assertEqual(order.warehouse_id, self.warehouse)
        self.assertEqual(order.state, "sale")  # paid: confirmed by the connector
        # A French consumer, seller under OSS: French VAT (20 %), not the 17 %
        # Shopify charged, and still the price the customer paid.
        self.assertEqual(order.oss_vat_country_id.code, "FR")
        tax = order.order_line.tax_ids
        self.assertEqual(len(tax), 1)
        self.assertEqual((tax.amount, tax.price_include), (20.0, True))
        self.assertEqual(order.amount_total, 24.0)
        self.assertEqual(order.amount_tax, 4.0)
        # The order counts in what the channel may still sell: 10 - 2 - buffer 1.
        self.assertEqual(
            self.team._get_publishable_quantities(self.product)[self.product.id], 7
        )

    def test_pushed_quantity_is_the_channel_publishable_quantity(self):
        self.server.levels[self.level_key] = 3
        with trap_jobs() as trap:
            # A stock change: the connector queues a push of the variant...
            self.env["stock.quant"]._update_available_quantity(
                self.product, self.warehouse.lot_stock_id, 10
            )
            trap.assert_jobs_count(1, only=self.variant._job_push_inventory_level)
            trap.perform_enqueued_jobs()
        # ... of what the channel may sell: 10 on hand - buffer 1 (the
        # connector alone would push its free quantity, 10).
        self.assertEqual(self.server.levels[self.level_key], 9)
        name, variables = self.server.requests[-1]
        self.assertEqual(name, "InventorySetQuantities")
        self.assertEqual(
            variables["input"]["quantities"][0],
            {
                "inventoryItemId": "gid://shopify/InventoryItem/30",
                "locationId": "gid://shopify/Location/40",
                "quantity": 9,
                "compareQuantity": 3,
            },
        )

        # An order of another channel reserves stock: the connector pushes
        # again, and Shopify may now sell 10 - 4 - 1.
        other = self.env["sale.order"].create(
            {
                "partner_id": self.customer_fr.id,
                "team_id": self.env["crm.team"].create({"name": "SC Market"}).id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": 4})
                ],
            }
        )
        with trap_jobs() as trap:
            other.action_confirm()
            trap.perform_enqueued_jobs()
        self.assertEqual(self.server.levels[self.level_key], 5)

        # A larger buffer moves no stock, so the connector pushes nothing; the
        # channel's changed set since the last run does.
        with trap_jobs() as trap:
            self.team.atp_buffer_qty = 3
            trap.assert_jobs_count(0, only=self.variant._job_push_inventory_level)
            pushed = self.instance._push_publishable_changes()
            self.assertEqual(pushed, self.variant)
            trap.assert_jobs_count(1, only=self.variant._job_push_inventory_level)
            trap.perform_enqueued_jobs()
        self.assertEqual(self.server.levels[self.level_key], 3)  # 10 - 4 - 3
        self.assertTrue(self.instance.stock_pushed_until)

    def test_cron_pushes_connected_shops_only(self):
        self.set_stock(self.product, 6)
        self.server.levels[self.level_key] = 0
        with trap_jobs() as trap:
            self.instance.state = "draft"
            self.env["shopify.instance"]._cron_push_publishable_changes()
            trap.assert_jobs_count(0, only=self.variant._job_push_inventory_level)
            self.instance.state = "connected"
            self.env["shopify.instance"]._cron_push_publishable_changes()
            trap.assert_jobs_count(1, only=self.variant._job_push_inventory_level)
            trap.perform_enqueued_jobs()
        self.assertEqual(self.server.levels[self.level_key], 5)

    def test_push_inventory_button_reconciles_with_publishable_quantities(self):
        other = self.env["product.product"].create(
            {
                "name": "SC Cap",
                "company_id": self.company.id,
                "is_storable": True,
                "default_code": "SC-CAP",
            }
        )
        template = self.env["shopify.product.template"].create(
            {
                "instance_id": self.instance.id,
                "shopify_id": "gid://shopify/Product/11",
                "odoo_id": other.product_tmpl_id.id,
                "state": "synced",
            }
        )
        variant = self.env["shopify.product.variant"].create(
            {
                "instance_id": self.instance.id,
                "shopify_id": "gid://shopify/ProductVariant/21",
                "template_binding_id": template.id,
                "odoo_id": other.id,
                "state": "synced",
            }
        )
        variant.write(
            {
                "inventory_item_shopify_id": "gid://shopify/InventoryItem/31",
                "inventory_tracked": True,
            }
        )
        other_key = (variant.inventory_item_shopify_id, self.location.shopify_id)
        self.set_stock(self.product, 10)
        self.set_stock(other, 4)
        self.server.levels[self.level_key] = 2
        self.server.levels[other_key] = 3  # already right: 4 - buffer 1
        Team = type(self.team)
        with (
            trap_jobs() as trap,
            patch.object(
                Team,
                "_get_publishable_quantities",
                autospec=True,
                side_effect=Team._get_publishable_quantities,
            ) as computed,
        ):
            self.instance.action_push_inventory()
            trap.perform_enqueued_jobs()
        self.assertIn("RunBulkQuery", self.server.operations())
        self.assertEqual(self.server.levels[self.level_key], 9)
        self.assertEqual(self.server.levels[other_key], 3)
        sets = [v for n, v in self.server.requests if n == "InventorySetQuantities"]
        self.assertEqual(len(sets), 1, sets)  # only the variant that differed
        # Once for the shop's location, not once per variant.
        self.assertEqual(computed.call_count, 1)
