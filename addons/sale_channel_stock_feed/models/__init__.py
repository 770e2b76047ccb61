from . import crm_team
from . import sale_channel_stock_feed_hit
