from . import test_gtin
from . import test_product_gtin
from . import test_catalogue_import
from . import test_import_screen_tour
