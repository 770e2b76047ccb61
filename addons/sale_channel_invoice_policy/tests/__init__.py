from . import test_invoice_policy
