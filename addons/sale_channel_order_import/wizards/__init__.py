from . import sale_channel_order_import
from . import sale_channel_order_import_line
