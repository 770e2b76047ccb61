from . import base_import_import
