from . import oss_return_wizard
