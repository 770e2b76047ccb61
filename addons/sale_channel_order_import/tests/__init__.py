from . import test_order_file
from . import test_import
from . import test_security
