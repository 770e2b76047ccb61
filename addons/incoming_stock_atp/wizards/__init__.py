from . import incoming_stock_atp_timeline
