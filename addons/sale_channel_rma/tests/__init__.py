from . import test_inspection
from . import test_letzshop_returns
from . import test_portal
from . import test_refund_vat
from . import test_roles
from . import test_receive_tour
