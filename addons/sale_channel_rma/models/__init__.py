from . import letzshop_shipment
from . import rma
from . import rma_portal_attempt
from . import rma_return_reason
from . import sale_order
