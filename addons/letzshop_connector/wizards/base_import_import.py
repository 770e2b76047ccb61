import os

from odoo import models

from odoo.addons.base_import.models.base_import import ImportValidationError

from .. import letzshop_product_file

#: Encodings tried, in order, for a product CSV whose encoding the seller did not
#: choose: UTF-8 (with or without the mark Excel writes), then Windows-1252, the
#: encoding of Excel's "CSV" on Western European Windows, which reads latin-1
#: text the same way and adds the euro sign and typographic quotes.
PRODUCT_CSV_ENCODINGS = ("utf-8-sig", "cp1252")


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    def _read_file(self, options):
        """Products from Letzshop's own product file, in Odoo's import screen.

        A product CSV is decoded as UTF-8 or Windows-1252 (Odoo guesses the
        encoding from the bytes, and on short files guesses wrong: "CrÃ¨me"), or
        refused with the file's name. A tab-separated Google Shopping header
        (Letzshop's file) is read with tabs, and its rows are turned into the
        product columns the screen maps by itself (Name, Internal Reference,
        Barcode, Sales Price, ...): the preview, the Test button and the errors
        per row are then those of any product import.
        """
        if self.res_model != "product.template":
            return super()._read_file(options)
        if self._is_csv_upload() and self.file:
            text = self._decode_product_csv(options)
            first_line = text.split("\n", 1)[0].rstrip("\r")
            if not options.get(
                "separator"
            ) and letzshop_product_file.looks_like_product_file(first_line):
                options["separator"] = "\t"
        result = super()._read_file(options)
        length, rows = result
        if (
            options.get("has_headers")
            and rows
            and letzshop_product_file.is_product_file(rows[0])
        ):
            rows = letzshop_product_file.to_import_rows(
                [[str(cell) for cell in row] for row in rows],
                currency=self.env.company.currency_id.name,
            )
            return len(rows), rows
        return length, rows

    def _is_csv_upload(self):
        extension = os.path.splitext(self.file_name or "")[1].lower()
        return extension == ".csv" or self.file_type == "text/csv"

    def _decode_product_csv(self, options):
        """The file's text; sets the encoding Odoo's CSV reader will use."""
        if options.get("encoding"):
            encodings = (options["encoding"],)
        else:
            encodings = PRODUCT_CSV_ENCODINGS
        for encoding in encodings:
            try:
                text = self.file.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
            # utf-8-sig drops the mark Excel puts first; Odoo's reader would
            # keep it in the first header cell ("\ufeffName" maps to nothing).
            options["encoding"] = encoding
            return text
        raise ImportValidationError(
            self.env._(
                'The file "%(file)s" is not UTF-8 nor Western European '
                "(Windows-1252) text, so its accents and symbols would be read "
                'wrong. Save it again as "CSV UTF-8" (in Excel: File > Save As > '
                "CSV UTF-8) and import it again.",
                file=self.file_name or self.env._("(no name)"),
            )
        )
