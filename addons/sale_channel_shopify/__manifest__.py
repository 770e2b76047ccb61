# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Sales Channel Shopify",
    "summary": "Shopify (OCA shopify_connector) as one of our sales channels: "
    "orders in the shop's channel with our VAT decision, our publishable "
    "quantity pushed to Shopify",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "Letzshop OMS contributors",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "maintainers": ["letzshop-oms"],
    "development_status": "Alpha",
    "depends": [
        "shopify_connector",
        "incoming_stock_atp",
        "oss_vat_invoice",
        "sale_channel_order_import",
        # Its customer figures count every channel's orders; the tests check that
        # Shopify's and file-imported orders do.
        "customer_segments",
    ],
    "external_dependencies": {"python": []},
    "data": [
        "data/ir_cron.xml",
        "views/shopify_instance_views.xml",
        "views/shopify_access_views.xml",
    ],
    "installable": True,
    "application": False,
}
