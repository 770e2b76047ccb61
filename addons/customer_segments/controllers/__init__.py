from . import mailchimp_webhook
