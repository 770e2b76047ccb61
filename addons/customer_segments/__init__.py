from . import customer_csv
from . import mailchimp_api
from . import models
from . import wizards
from . import controllers
