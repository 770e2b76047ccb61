# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Run a file through Odoo's import screen (``base_import.import``) as the browser
does: upload, preview (the columns it maps by itself), then Test or Import."""

from odoo.tools.misc import file_open

from odoo.addons.base.tests.common import BaseCommon

MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ImportScreenCase(BaseCommon):
    @staticmethod
    def import_options(**overrides):
        """The options the import screen sends by default."""
        options = {
            "import_skip_records": [],
            "import_set_empty_fields": [],
            "fallback_values": {},
            "name_create_enabled_fields": {},
            "encoding": "",
            "separator": "",
            "quoting": '"',
            "date_format": "",
            "datetime_format": "",
            "float_thousand_separator": ",",
            "float_decimal_separator": ".",
            "advanced": False,
            "has_headers": True,
            "keep_matches": False,
            "limit": 2000,
            "sheet": "",
            "skip": 0,
        }
        options.update(overrides)
        return options

    def upload(self, model, content, file_name, user=None, context=None):
        """The import record for ``content`` (bytes) and its preview."""
        env = self.env(user=user) if user else self.env
        if context:
            env = env(context=dict(env.context, **context))
        extension = file_name.rsplit(".", 1)[-1]
        wizard = env["base_import.import"].create(
            {
                "res_model": model,
                "file": content,
                "file_name": file_name,
                "file_type": MIMETYPES[extension],
            }
        )
        preview = wizard.parse_preview(self.import_options())
        return wizard, preview

    @staticmethod
    def mapped_fields(preview):
        """{column header: field path} as the screen maps them by itself."""
        return {
            header: "/".join(preview["matches"][index])
            for index, header in enumerate(preview["headers"])
            if index in preview["matches"]
        }

    def run_import(self, wizard, preview, dryrun):
        """Test (``dryrun``) or Import the file with the columns as mapped."""
        self.assertFalse(preview.get("error"), preview.get("error"))
        fields = [
            "/".join(preview["matches"][index])
            if index in preview["matches"]
            else False
            for index in range(len(preview["headers"]))
        ]
        return wizard.execute_import(
            fields, preview["headers"], self.import_options(), dryrun=dryrun
        )

    @staticmethod
    def read_static(path):
        with file_open(path, "rb") as f:
            return f.read()

    def assertRowError(self, result, row, pattern):
        """An error of ``result`` on the file's ``row`` (1 = the header) matching
        ``pattern``: the screen shows it next to that row."""
        errors = [m for m in result["messages"] if m["type"] == "error"]
        on_row = [
            m
            for m in errors
            if m.get("rows") and m["rows"]["from"] <= row - 2 <= m["rows"]["to"]
        ]
        self.assertTrue(on_row, f"no error on row {row}: {errors}")
        self.assertRegex(" ".join(m["message"] for m in on_row), pattern)
