from . import bin_picklist
