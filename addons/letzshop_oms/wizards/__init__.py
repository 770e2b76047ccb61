from . import customer_segment_export
