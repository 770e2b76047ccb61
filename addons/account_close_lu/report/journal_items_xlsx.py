# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo import models

from ..wizards.lu_journal_export import COLUMNS


class JournalItemsXlsx(models.AbstractModel):
    """The journal export as XLSX (OCA report_xlsx): same columns as the CSV."""

    _name = "report.account_close_lu.journal_items_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Journal items export (XLSX)"

    def get_workbook_options(self):
        # Rows are written in order and flushed to a temporary file as they come:
        # a year of journal items does not sit in memory as cell objects.
        return {"constant_memory": True, "strings_to_urls": False}

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        amount_format = workbook.add_format({"num_format": "#,##0.00"})
        for export in objs:
            sheet = workbook.add_worksheet(f"{export.date_from} {export.date_to}"[:31])
            sheet.write_row(0, 0, COLUMNS, bold)
            row_index = 0
            for row_index, row in enumerate(export._iter_rows(), start=1):
                for col, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, datetime.date):
                        sheet.write_datetime(
                            row_index,
                            col,
                            datetime.datetime.combine(value, datetime.time()),
                            date_format,
                        )
                    elif isinstance(value, float):
                        sheet.write_number(row_index, col, value, amount_format)
                    elif isinstance(value, int):
                        sheet.write_number(row_index, col, value)
                    else:
                        sheet.write_string(row_index, col, str(value))
            sheet.autofilter(0, 0, row_index, len(COLUMNS) - 1)
