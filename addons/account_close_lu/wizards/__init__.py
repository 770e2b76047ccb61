from . import lu_vat_return
from . import lu_vat_return_line
from . import lu_vat_return_correction
from . import lu_oss_return
from . import lu_oss_return_line
from . import lu_journal_export
