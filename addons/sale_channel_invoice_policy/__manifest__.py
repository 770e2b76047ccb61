# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Sales Channel Invoicing Policy",
    "summary": "Invoice each sales channel's orders on delivery, on confirmation or by "
    "hand: created, posted and e-mailed by a queue job, failures listed",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "author": "Letzshop OMS contributors",
    "maintainers": ["letzshop-oms"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["sale_stock", "queue_job", "oss_vat_invoice"],
    "data": [
        "security/ir.model.access.csv",
        "security/sale_channel_invoice_policy_security.xml",
        "data/queue_job_data.xml",
        "views/crm_team_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/sale_channel_invoice_batch_views.xml",
        "views/sale_channel_invoice_policy_menus.xml",
    ],
}
