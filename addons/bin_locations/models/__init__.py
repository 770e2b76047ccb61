from . import stock_location
from . import product_product
from . import product_template
from . import stock_move
from . import stock_move_line
from . import stock_picking
from . import stock_quant
