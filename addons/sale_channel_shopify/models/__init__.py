from . import shopify_instance
from . import shopify_order
from . import shopify_product_variant
