from . import crm_team
from . import delivery_carrier
from . import sale_order_shipping_rate
from . import sale_order
from . import stock_picking
