from . import test_pricing
from . import test_order_cost
from . import test_statement
from . import test_quote
from . import test_seed_cards
from . import test_cost_queries
