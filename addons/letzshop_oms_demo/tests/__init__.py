from . import test_demo_seller
