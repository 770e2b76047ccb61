from . import customer_segment
from . import mailing_mailing
