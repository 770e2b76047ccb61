# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Product GTIN",
    "summary": "Match products by GS1 GTIN whatever the notation "
    "(GTIN-8, UPC-A, EAN-13, GTIN-14, with or without leading zeros)",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Letzshop OMS contributors",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "maintainers": ["letzshop-oms"],
    "development_status": "Beta",
    "depends": ["product", "base_import"],
    "external_dependencies": {"python": ["python-stdnum"]},
    "assets": {
        "web.assets_backend": ["product_gtin/static/src/import_data_sidepanel.xml"],
        "web.assets_tests": ["product_gtin/static/tests/tours/*.js"],
    },
    "installable": True,
}
