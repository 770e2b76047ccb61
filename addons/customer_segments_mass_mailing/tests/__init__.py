from . import test_segment_mailing
