from . import letzshop_oms_onboarding_invite
