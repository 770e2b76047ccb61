from . import test_segment_mailing
from . import test_sudo_reasons
