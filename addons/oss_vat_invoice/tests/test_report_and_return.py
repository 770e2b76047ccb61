# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64
import datetime
import io
import re

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import OssVatCase


def _text(html):
    """Visible text of rendered HTML, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", html.decode() if isinstance(html, bytes) else html)
    text = text.replace("&nbsp;", " ").replace("\xa0", " ")
    return " ".join(text.split())


@tagged("post_install", "-at_install")
class TestInvoiceReport(OssVatCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("fr_FR", "de_DE"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["oss_vat_invoice"], ["fr_FR", "de_DE"]
        )
        cls.company.vat = cls.company.vat or "LU26375245"

    def _render(self, move):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "account.report_invoice", move.ids
        )
        return _text(html)

    def test_intra_community_invoice_in_french(self):
        self.partner_fr_b2b.lang = "fr_FR"
        move = self._invoice(
            self.partner_fr_b2b,
            self.products["standard"] | self.products["food"],
            post=True,
        )
        text = self._render(move)
        self.assertIn(self.company.vat, text, "the seller's VAT number")
        self.assertIn("FR23334175221", text, "the customer's VAT number")
        self.assertIn(
            "Livraison intracommunautaire de biens exonérée – article 138 de la "
            "directive 2006/112/CE",
            text,
        )
        self.assertIn("Autoliquidation", text)
        self.assertIn(
            "Base imposable", text, "the table headings follow the customer's language"
        )
        rule = dict(
            move.with_context(lang="fr_FR")
            ._fields["oss_vat_rule"]
            ._description_selection(move.with_context(lang="fr_FR").env)
        )[move.oss_vat_rule]
        self.assertEqual(rule, "Livraison intracommunautaire : 0 % (art. 138)")
        self.assertRegex(
            text, r"0% 200[.,]00\s?€ 0[.,]00\s?€", "the exempt base with its 0 % VAT"
        )

    def test_export_invoice_in_german(self):
        self.partner_us.lang = "de_DE"
        move = self._invoice(self.partner_us, self.products["standard"], post=True)
        text = self._render(move)
        self.assertIn(
            "Ausfuhrlieferung – steuerfrei, Artikel 146 der Richtlinie 2006/112/EG",
            text,
        )

    def test_oss_invoice_per_rate_totals_in_english(self):
        self.company.oss_opt_in = True
        move = self._invoice(
            self.partner_fr,
            self.products["standard"] | self.products["food"] | self.products["books"],
            post=True,
        )
        text = self._render(move)
        self.assertIn(
            "Distance sale of goods: VAT of the member state of arrival (France)", text
        )
        # one row per rate: taxable amount and VAT
        self.assertRegex(text, r"20% FR 100[.,]00\s?€ 20[.,]00\s?€")
        self.assertRegex(text, r"5\.5% FR 200[.,]00\s?€ 11[.,]00\s?€")

    def test_domestic_invoice_has_no_exemption_mention(self):
        move = self._invoice(self.partner_lu, self.products["standard"], post=True)
        text = self._render(move)
        self.assertNotIn("2006/112", text)
        self.assertRegex(text, r"17% 100[.,]00\s?€ 17[.,]00\s?€")


@tagged("post_install", "-at_install")
class TestOssReturn(OssVatCase):
    def _dated_invoice(self, partner, product, day, price=100.0):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": day,
                "date": day,
                "invoice_line_ids": [
                    Command.create({"product_id": product.id, "price_unit": price})
                ],
            }
        )
        move.action_post()
        return move

    def test_quarterly_return(self):
        self.company.oss_opt_in = True
        self.company.oss_opt_in_date = datetime.date(2024, 1, 1)
        year = self.today.year - 1
        q3 = datetime.date(year, 8, 10)
        self._dated_invoice(self.partner_fr, self.products["standard"], q3)
        self._dated_invoice(self.partner_fr, self.products["standard"], q3, price=50.0)
        self._dated_invoice(self.partner_fr, self.products["food"], q3)
        self._dated_invoice(self.partner_de, self.products["books"], q3)
        # not in the return: another quarter, a domestic sale, an intra-Community supply
        self._dated_invoice(
            self.partner_fr, self.products["standard"], datetime.date(year, 10, 1)
        )
        self._dated_invoice(self.partner_lu, self.products["standard"], q3)
        self._dated_invoice(self.partner_fr_b2b, self.products["standard"], q3)
        # a credit note in Q3 for a Q2 invoice: a correction of Q2, shown apart
        q2_invoice = self._dated_invoice(
            self.partner_fr, self.products["standard"], datetime.date(year, 5, 5)
        )
        refund = q2_invoice._reverse_moves([{"date": q3, "invoice_date": q3}])
        refund.invoice_line_ids.price_unit = 40.0
        refund.action_post()
        wizard = self.env["oss.return.wizard"].create({"year": year, "quarter": "3"})
        wizard.action_compute()
        rows = {
            (line.corrected_period or "", line.country_id.code, line.rate): (
                line.base,
                line.vat,
                line.move_count,
            )
            for line in wizard.line_ids
        }
        self.assertEqual(
            rows,
            {
                ("", "FR", 20.0): (150.0, 30.0, 2),
                ("", "FR", 5.5): (100.0, 5.5, 1),
                ("", "DE", 7.0): (100.0, 7.0, 1),
                (f"{year}-Q2", "FR", 20.0): (-40.0, -8.0, 1),
            },
        )
        self.assertEqual(wizard.total_vat, 34.5)
        csv_text = base64.b64decode(wizard.csv_file).decode()
        self.assertIn(f"{year}-Q3;supplies;;FR;20.00;150.00;30.00;EUR;2", csv_text)
        self.assertIn(
            f"{year}-Q3;correction;{year}-Q2;FR;20.00;-40.00;-8.00;EUR;1", csv_text
        )
        self.assertTrue(wizard.csv_filename.endswith(f"{year}-Q3.csv"))

    def test_empty_quarter_says_nothing_to_declare(self):
        wizard = self.env["oss.return.wizard"].create({"year": 2019, "quarter": "3"})
        action = wizard.action_compute()
        self.assertFalse(wizard.line_ids)
        self.assertTrue(wizard.computed)
        self.assertIn("Nothing to declare for Q3 2019", wizard.result_message)
        self.assertEqual(action["name"], "OSS return Q3 2019", "the dialog title")
        view = self.env["oss.return.wizard"].get_view(
            self.env.ref("oss_vat_invoice.oss_return_wizard_view_form").id
        )
        self.assertIn('name="result_message"', view["arch"])

    def test_result_dialog_title_and_year_format(self):
        self.company.oss_opt_in = True
        self.company.oss_opt_in_date = datetime.date(2024, 1, 1)
        self._dated_invoice(
            self.partner_fr, self.products["standard"], self.today.replace(day=1)
        )
        quarter = str((self.today.month - 1) // 3 + 1)
        wizard = self.env["oss.return.wizard"].create(
            {"year": self.today.year, "quarter": quarter}
        )
        action = wizard.action_compute()
        self.assertEqual(action["name"], f"OSS return Q{quarter} {self.today.year}")
        # the quarter may hold other invoices of the company (a demo seller's)
        self.assertTrue(wizard.line_ids)
        self.assertIn(
            f"{len(wizard.line_ids)} line(s) to declare for Q{quarter} "
            f"{self.today.year}.",
            wizard.result_message,
        )
        # the year is shown as 2026, not with a thousands separator (2,026)
        arch = self.env["oss.return.wizard"].get_view(
            self.env.ref("oss_vat_invoice.oss_return_wizard_view_form").id
        )["arch"]
        year = etree.fromstring(arch).xpath("//field[@name='year']")[0]
        self.assertEqual(
            safe_eval(year.get("options", "{}")).get("enable_formatting"), False
        )

    def test_return_is_for_accountants_only(self):
        salesman = new_test_user(
            self.env,
            login="oss_ret_sm",
            groups="sales_team.group_sale_salesman",
            **self._user_company(),
        )
        with self.assertRaises(AccessError):
            self.env["oss.return.wizard"].with_user(salesman).create(
                {"year": 2026, "quarter": "1"}
            )


@tagged("post_install", "-at_install")
class TestInvoicePdf(OssVatCase):
    def test_rendered_pdf_text(self):
        """The real PDF (wkhtmltopdf) carries the mention and the per-rate totals."""
        from odoo.tools.pdf import PdfFileReader

        self.company.vat = self.company.vat or "LU26375245"
        move = self._invoice(self.partner_fr_b2b, self.products["standard"], post=True)
        # mute: this machine's wkhtmltopdf (unpatched Qt) warns about header options
        with (
            self.allow_pdf_render(),
            mute_logger("odoo.addons.base.models.ir_actions_report"),
        ):
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf("account.account_invoices", res_ids=move.ids)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        self.assertIn("Article 138 of Directive 2006/112/EC", text)
        self.assertIn("FR23334175221", text)
        self.assertIn("Taxable amount", text)
