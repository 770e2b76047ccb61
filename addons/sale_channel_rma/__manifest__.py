# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Sales Channel Returns",
    "summary": "Returns on OCA RMA for every sales channel: a public return page, "
    "Letzshop returns, a returns bin with inspection, refunds with the original VAT "
    "and return rates per product and channel",
    "version": "19.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "author": "Letzshop OMS contributors",
    "maintainers": ["letzshop-oms"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": [
        "rma_sale",
        "oss_vat_invoice",
        "bin_locations",
        "letzshop_connector",
        "account_close_lu",
    ],
    "data": [
        "security/sale_channel_rma_security.xml",
        "security/ir.model.access.csv",
        "data/rma_return_reason_data.xml",
        "views/rma_return_reason_views.xml",
        "views/rma_views.xml",
        "views/sale_channel_rma_report_views.xml",
        "views/sale_channel_rma_portal_templates.xml",
        "views/sale_channel_rma_menus.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "sale_channel_rma/static/src/scss/return_page.scss",
        ],
        "web.assets_tests": [
            "sale_channel_rma/static/tests/tours/**/*",
        ],
    },
}
