from . import test_vat_decision_table
from . import test_oss_vat_rate
from . import test_documents
from . import test_threshold
from . import test_vies
from . import test_report_and_return
from . import test_taxes
from . import test_invoice_pdf_server
