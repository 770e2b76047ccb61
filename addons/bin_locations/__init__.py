from . import models
from . import report
from . import wizards


def _post_init_hook(env):
    env["stock.move.line"]._bin_fill_sort_keys()
