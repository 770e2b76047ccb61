from . import customer_segment_export
from . import letzshop_oms_onboarding_invite
