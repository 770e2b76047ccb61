from . import delivery_carrier
from . import stock_picking
