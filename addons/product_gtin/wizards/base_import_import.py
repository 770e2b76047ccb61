# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from odoo.addons.base_import.models.base_import import ImportValidationError


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    @api.model
    def _parse_float_from_data(self, data, index, name, options):
        """Name the row, the column and the value of a number the import cannot
        read.

        Odoo refuses a file whose number column holds text (``twelve``, ``n/a``)
        with "Column list_price contains incorrect values": no row, and the
        technical field name; in a catalogue of hundreds of lines a seller cannot
        find it. Odoo's parser leaves ``False`` in the cell it could not read:
        that line is the one named (row 1 is the header when the file has one).
        """
        originals = [line[index] for line in data]
        try:
            return super()._parse_float_from_data(data, index, name, options)
        except ImportValidationError as error:
            position = next(
                (i for i, line in enumerate(data) if line[index] is False), None
            )
            if position is None:
                raise
            row = 1 + bool(options.get("has_headers")) + options.get("skip", 0)
            new_error = ImportValidationError(
                self.env._(
                    'Row %(row)s, column "%(column)s": "%(value)s" is not a number.',
                    row=row + position,
                    column=self._field_label(name),
                    value=originals[position],
                ),
                field=name,
            )
            # as the messages of Odoo's loader, so that the screen shows it on
            # the row
            new_error.rows = {"from": position, "to": position}
            raise new_error from error

    def _field_label(self, path):
        """The label of the imported model's field ``path`` (``a/b``), as the
        import screen shows it (in the user's language)."""
        model = self.env[self.res_model]
        labels = []
        for name in path.split("/"):
            field = model._fields.get(name)
            if field is None:
                return path
            labels.append(model.fields_get([name], ["string"])[name]["string"])
            if field.relational:
                model = self.env[field.comodel_name]
        return " / ".join(labels)
