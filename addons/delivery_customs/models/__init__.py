from . import delivery_carrier
from . import res_company
from . import stock_picking
