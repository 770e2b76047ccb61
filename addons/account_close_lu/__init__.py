from . import wizards
from . import report
