from . import test_bin_pattern
from . import test_natural_sort
from . import test_bin_generate
from . import test_home_bin
from . import test_scan
from . import test_picklist
from . import test_access
from . import test_scan_tour
