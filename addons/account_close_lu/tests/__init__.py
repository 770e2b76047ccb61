from . import test_tax_report_formula
from . import test_lu_vat_return
from . import test_lu_oss_return
from . import test_lu_journal_export
