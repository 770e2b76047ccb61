from . import test_sendcloud_client
from . import test_sendcloud_carrier
from . import test_sendcloud_secrets
