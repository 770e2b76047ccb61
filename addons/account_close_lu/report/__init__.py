from . import journal_items_xlsx
