# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Stock Demand Forecast",
    "summary": "Demand classes, intermittent-demand forecasts, safety stock and "
    "reorder suggestions on Odoo's replenishment, stock-out alerts",
    "version": "19.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "AGPL-3",
    "author": "Letzshop OMS contributors",
    "website": "https://github.com/letzshop-oms/letzshop-oms",
    "maintainers": ["letzshop-oms"],
    "development_status": "Beta",
    "depends": ["purchase_stock", "sale_stock", "incoming_stock_atp"],
    "external_dependencies": {"python": []},
    "data": [
        "security/ir.model.access.csv",
        "security/stock_demand_forecast_security.xml",
        "data/ir_cron_data.xml",
        "data/stock_demand_forecast_mail_templates.xml",
        "views/stock_demand_forecast_views.xml",
        "views/stock_demand_channel_forecast_views.xml",
        "views/stock_warehouse_orderpoint_views.xml",
        "views/res_config_settings_views.xml",
        "views/stock_demand_forecast_menus.xml",
    ],
    "installable": True,
}
