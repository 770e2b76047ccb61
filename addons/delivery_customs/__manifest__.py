# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Delivery Customs",
    "summary": "Customs papers only where the EU customs or VAT border is crossed: "
    "CN22, CN23 or commercial invoice, HS code and origin checked",
    "version": "19.0.1.0.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "author": "Letzshop OMS contributors",
    "maintainers": ["letzshop-oms"],
    "license": "AGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["stock_delivery", "oss_vat_invoice"],
    "data": [
        "views/delivery_carrier_views.xml",
        "views/res_company_views.xml",
        "views/stock_picking_views.xml",
        "report/customs_document_templates.xml",
        "report/customs_document_reports.xml",
    ],
}
