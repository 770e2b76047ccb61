from . import customer_consent_event
from . import customer_segment
from . import res_partner
from . import sale_order
from . import mailchimp_audience
from . import mailchimp_member
