from . import test_gtin
from . import test_product_gtin
from . import test_catalogue_import
