from . import bin_generate_wizard
