from . import test_atp_projection
from . import test_product_atp
from . import test_channel_publishable
from . import test_sale_order_promise
from . import test_timeline_wizard
from . import test_security
