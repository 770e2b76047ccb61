# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Sales Channel Order Import",
    "summary": "Orders of any sales channel from a CSV or XLSX export "
    "(Shopify, WooCommerce or a saved column mapping), previewed row by row",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "Letzshop OMS contributors",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "maintainers": ["letzshop-oms"],
    "development_status": "Beta",
    "depends": ["sale", "product_gtin"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/sale_channel_order_import_security.xml",
        "security/ir.model.access.csv",
        "data/product_data.xml",
        "views/sale_channel_column_map_views.xml",
        "views/sale_channel_order_binding_views.xml",
        "views/sale_order_views.xml",
        "wizards/sale_channel_order_import_views.xml",
        "views/sale_channel_order_import_menus.xml",
    ],
    "installable": True,
    "application": False,
}
