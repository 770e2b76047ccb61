# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Sendcloud Shipping",
    "summary": "Sendcloud as an Odoo carrier: rates, labels for one or several "
    "parcels, tracking numbers, label cancellation",
    "version": "19.0.1.0.0",
    "category": "Inventory/Delivery",
    "license": "LGPL-3",
    "author": "Letzshop OMS contributors",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "maintainers": ["letzshop-oms"],
    "development_status": "Beta",
    "depends": ["stock_delivery"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "views/delivery_carrier_views.xml",
        "views/stock_picking_views.xml",
    ],
    "installable": True,
}
