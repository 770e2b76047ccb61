# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Incoming Stock ATP",
    "summary": "Available to promise by date with incoming purchases, "
    "promise dates on quotations and publishable stock per sales channel",
    "version": "19.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "AGPL-3",
    "author": "Letzshop OMS contributors",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "maintainers": ["letzshop-oms"],
    "development_status": "Beta",
    "depends": ["sale_stock", "purchase_stock"],
    "external_dependencies": {"python": []},
    "data": [
        "security/ir.model.access.csv",
        "wizards/incoming_stock_atp_timeline_views.xml",
        "views/product_product_views.xml",
        "views/product_template_views.xml",
        "views/crm_team_views.xml",
        "views/sale_order_views.xml",
        "views/incoming_stock_atp_menus.xml",
    ],
    "installable": True,
}
