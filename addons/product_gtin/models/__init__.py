from . import base_import_import
from . import product_product
from . import product_template
