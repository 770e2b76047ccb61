# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Fulfillment Shipping",
    "summary": "Rate shopping per sales channel, batch labels, the phone pack step "
    "and the customer's tracking e-mail",
    "version": "19.0.1.0.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "author": "Letzshop OMS contributors",
    "maintainers": ["letzshop-oms"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": [
        "sale_stock",
        "stock_delivery",
        "queue_job",
        "bin_locations",
        "delivery_sendcloud",
    ],
    "external_dependencies": {"python": []},
    "data": [
        "security/ir.model.access.csv",
        "security/fulfillment_shipping_security.xml",
        "data/queue_job_data.xml",
        "data/mail_template_data.xml",
        "views/crm_team_views.xml",
        "views/delivery_carrier_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/fulfillment_shipping_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "fulfillment_shipping/static/tests/tours/**/*",
        ],
    },
}
