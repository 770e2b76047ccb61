from . import test_customs_documents
from . import test_customs_picking
from . import test_customs_pdf
