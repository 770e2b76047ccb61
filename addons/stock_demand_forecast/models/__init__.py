from . import res_company
from . import res_config_settings
from . import stock_demand_forecast
from . import stock_demand_channel_forecast
from . import stock_warehouse_orderpoint
from . import product_product
