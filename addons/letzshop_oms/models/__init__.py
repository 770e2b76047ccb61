from . import ir_ui_menu
from . import res_groups
from . import res_partner
from . import res_users
from . import letzshop_account
from . import letzshop_oms_home
from . import sale_order
