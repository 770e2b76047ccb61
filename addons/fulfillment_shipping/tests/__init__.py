from . import test_rate_shopping
from . import test_sendcloud_rates
from . import test_sale_rates
from . import test_tracking
from . import test_labels
from . import test_pack_tour
