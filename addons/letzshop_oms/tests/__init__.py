from . import test_access_matrix
from . import test_menus
from . import test_menu_screens
from . import test_sudo_reasons
from . import test_home_tour
from . import test_end_to_end
from . import test_home_data
from . import test_sale_order_form
