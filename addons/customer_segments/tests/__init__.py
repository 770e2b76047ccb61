from . import test_customer_stats
from . import test_segments
from . import test_consent_export
from . import test_consent_evidence
from . import test_mailchimp_api
from . import test_mailchimp_sync
from . import test_mailchimp_webhook
from . import test_mailchimp_key
