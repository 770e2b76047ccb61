# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Luxembourg accounting close",
    "summary": "The accountant's close in Luxembourg: VAT return boxes with "
    "drill-down, the OSS return as the portal asks it, a journal export",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "author": "Letzshop OMS contributors",
    "maintainers": ["letzshop-oms"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["account", "l10n_lu", "oss_vat_invoice", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "report/journal_items_xlsx.xml",
        "wizards/lu_vat_return_views.xml",
        "wizards/lu_oss_return_views.xml",
        "wizards/lu_journal_export_views.xml",
        "views/account_close_lu_menus.xml",
    ],
}
