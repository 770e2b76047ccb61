from . import sale_channel_column_map
from . import sale_channel_order_binding
from . import sale_channel_order_importer
from . import res_partner
from . import sale_order
from . import sale_order_line
