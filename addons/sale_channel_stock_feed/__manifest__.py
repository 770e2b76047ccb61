# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Sales Channel Stock Feed",
    "summary": "Each sales channel's publishable stock as a CSV or JSON feed at a "
    "secret URL, with the products changed since a cursor for pushes",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "Letzshop OMS contributors",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "maintainers": ["letzshop-oms"],
    "development_status": "Beta",
    "depends": ["incoming_stock_atp"],
    "external_dependencies": {"python": []},
    "data": [
        "security/ir.model.access.csv",
        "views/crm_team_views.xml",
    ],
    "installable": True,
    "application": False,
}
