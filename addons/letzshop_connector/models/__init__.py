from . import delivery_carrier
from . import letzshop_account
from . import letzshop_shipment
from . import letzshop_sync_log
from . import product_template
from . import sale_order
from . import sale_order_line
from . import stock_picking
