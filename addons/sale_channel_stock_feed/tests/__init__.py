from . import test_stock_feed_format
from . import test_stock_feed
