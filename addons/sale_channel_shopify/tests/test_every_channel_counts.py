# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.tests import tagged

from odoo.addons.sale_channel_order_import.tests.files import (
    shopify_csv,
    shopify_rows,
)

from .common import ShopifyChannelCase


@tagged("post_install", "-at_install")
class TestEveryChannelCounts(ShopifyChannelCase):
    """An order counts in customer figures and per-channel reports whatever its
    channel: imported from a file or from Shopify live."""

    def test_file_and_shopify_orders_count(self):
        self.set_stock(self.product, 20)
        market = self.env["crm.team"].create({"name": "SC Market"})
        data = shopify_csv(
            shopify_rows(
                "#M-1",
                [(3, "Tote bag", "12.00", "SC-TOTE")],
                email="camille@example.fr",
                shipping="0.00",
                billing=("Camille Martin", "1 rue de Rivoli", "Paris", "75001", "FR"),
                order_id="9001",
            )
        )
        file_orders, _skipped = self.env["sale.channel.order.importer"]._import_file(
            market, data, "market.csv"
        )
        self.assertEqual(file_orders.team_id, market)
        self.assertEqual(file_orders.partner_id, self.customer_fr)
        file_orders.action_confirm()
        shopify_order = self.import_from_shopify(
            self.order_payload(1002, 1, "12.00", "12.00")
        )
        self.assertEqual(shopify_order.partner_id, self.customer_fr)

        Partner = self.env["res.partner"]
        Partner._customer_stats_update([self.customer_fr.id])
        self.customer_fr.invalidate_recordset()
        self.assertEqual(self.customer_fr.customer_order_count, 2)
        self.assertAlmostEqual(
            self.customer_fr.customer_total_spent,
            file_orders.amount_total + shopify_order.amount_total,
        )
        # One order in each channel: the main channel is the latest order's.
        self.assertEqual(self.customer_fr.customer_main_team_id, self.team)

        # Per-channel reports (Sales > Reporting, by sales team).
        counts = dict(
            self.env["sale.report"]._read_group(
                [("team_id", "in", (market | self.team).ids)],
                ["team_id"],
                ["order_reference:count_distinct"],
            )
        )
        self.assertEqual(counts, {market: 1, self.team: 1})
