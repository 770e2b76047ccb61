from . import product_product
from . import product_template
from . import crm_team
from . import sale_order
from . import sale_order_line
from . import stock_move
from . import stock_quant
from . import purchase_order_line
