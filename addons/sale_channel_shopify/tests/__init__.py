from . import test_shopify_channel
from . import test_every_channel_counts
from . import test_forms_without_shopify_rights
