from . import ir_ui_menu
from . import res_groups
from . import res_partner
from . import res_users
from . import letzshop_account
