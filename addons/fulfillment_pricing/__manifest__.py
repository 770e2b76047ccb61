# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Fulfillment Pricing",
    "summary": "Versioned fulfilment rate cards, itemised cost and margin per order, "
    "monthly usage statements for a 3PL's clients and a public quote calculator",
    "version": "19.0.1.0.0",
    "category": "Inventory/Delivery",
    "license": "AGPL-3",
    "author": "Letzshop OMS contributors",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "maintainers": ["letzshop-oms"],
    "development_status": "Alpha",
    "depends": ["sale_stock", "stock_delivery", "queue_job"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/fulfillment_pricing_security.xml",
        "security/ir.model.access.csv",
        "data/fulfillment_pricing_data.xml",
        "data/fulfillment_rate_card_data.xml",
        "views/fulfillment_rate_card_views.xml",
        "views/fulfillment_cost_line_views.xml",
        "views/fulfillment_cost_report_views.xml",
        "views/fulfillment_statement_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/stock_location_views.xml",
        "views/stock_warehouse_views.xml",
        "views/fulfillment_quote_templates.xml",
        "views/fulfillment_pricing_menus.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "fulfillment_pricing/static/src/scss/quote.scss",
        ],
        "web.assets_tests": [
            "fulfillment_pricing/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
