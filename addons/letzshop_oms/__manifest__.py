{
    "name": "Letzshop OMS",
    "summary": "Order management back office for Letzshop sellers: app shell, roles, "
    "trimmed menus and demo data",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "author": "Letzshop OMS contributors",
    "maintainers": ["letzshop-oms"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": True,
    "depends": [
        "sale_management",
        "sale_stock",
        "purchase_stock",
        "stock_account",
        "account",
        "incoming_stock_atp",
        "letzshop_connector",
        "bin_locations",
        "customer_segments",
        "oss_vat_invoice",
    ],
    "data": [
        "security/letzshop_oms_security.xml",
        "security/ir.model.access.csv",
        "data/letzshop_oms_actions.xml",
        "views/stock_picking_views.xml",
        "views/stock_move_views.xml",
        "views/letzshop_oms_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "letzshop_oms/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
