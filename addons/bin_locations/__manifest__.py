# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Bin Locations",
    "summary": "Home bins, bin-sorted pick lists and a phone scan view",
    "version": "19.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Letzshop OMS contributors",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "maintainers": ["letzshop-oms"],
    "development_status": "Beta",
    "depends": ["stock", "barcodes", "web", "base_import", "product_gtin"],
    "external_dependencies": {"python": []},
    "data": [
        "security/ir.model.access.csv",
        "data/base_import_mapping.xml",
        "views/stock_location_views.xml",
        "views/product_views.xml",
        "views/stock_picking_views.xml",
        "views/stock_move_line_views.xml",
        "views/stock_quant_views.xml",
        "wizards/bin_generate_wizard_views.xml",
        "report/bin_picklist_report.xml",
        "report/bin_picklist_templates.xml",
        "report/product_label_templates.xml",
        "views/bin_locations_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "bin_locations/static/src/scan/**/*",
        ],
        "web.assets_tests": [
            "bin_locations/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "_post_init_hook",
    "installable": True,
    "application": False,
}
