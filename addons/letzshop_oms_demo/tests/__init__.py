from . import test_demo_seller
from . import test_demo_home
