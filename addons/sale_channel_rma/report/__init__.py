from . import sale_channel_rma_report
