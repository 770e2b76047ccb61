from . import crm_team
from . import account_move
from . import sale_channel_invoice_batch
from . import sale_order
from . import stock_picking
from . import res_partner
from . import mail_mail
