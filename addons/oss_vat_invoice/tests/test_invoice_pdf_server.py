# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import io
import shutil
import subprocess
import tempfile
import unittest
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, tagged

from .. import report_pdf
from .common import OssVatCase


def _pdftotext(pdf, first=None, last=None):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        args = ["pdftotext", "-layout"]
        if first:
            args += ["-f", str(first), "-l", str(last or first)]
        out = subprocess.run(
            [*args, handle.name, "-"], capture_output=True, check=True, text=True
        ).stdout
    return " ".join(out.split())


def _pdf_pages(pdf):
    from odoo.tools.pdf import PdfFileReader

    return PdfFileReader(io.BytesIO(pdf), strict=False).getNumPages()


def _pdffonts(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(
            ["pdffonts", handle.name], capture_output=True, check=True, text=True
        ).stdout
    return out.splitlines()[2:]


@tagged("post_install", "-at_install")
class TestInvoicePdfOnServer(OssVatCase, HttpCase):
    """The real PDF as a running server renders it: the report's CSS and fonts are
    served to wkhtmltopdf, whatever build it is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not shutil.which("pdftotext") or report_pdf.wkhtmltopdf_info().state != "ok":
            raise unittest.SkipTest("needs wkhtmltopdf and poppler-utils")
        for lang in ("fr_FR", "de_DE"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["account", "oss_vat_invoice"], ["fr_FR", "de_DE"]
        )
        cls.company.write(
            {
                "name": "Boutique Mersch SARL",
                "vat": "LU26375245",
                "street": "12 rue de la Gare",
                "zip": "L-7535",
                "city": "Mersch",
                "country_id": cls.country["LU"].id,
            }
        )
        cls.partner_fr_b2b.lang = "fr_FR"
        cls.partner_de.lang = "de_DE"

    def _pdf(self, move):
        self.env.flush_all()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("account.account_invoices", res_ids=move.ids)
        )
        self.assertEqual(kind, "pdf")
        return pdf

    def _assert_seller(self, text):
        self.assertIn("Boutique Mersch SARL", text, "the seller's name")
        self.assertIn("12 rue de la Gare", text, "the seller's address")
        self.assertIn("LU26375245", text, "the seller's VAT number")

    def test_intra_community_invoice_in_french(self):
        move = self._invoice(
            self.partner_fr_b2b,
            self.products["standard"] | self.products["food"],
            invoice_date="2026-03-05",
            post=True,
        )
        pdf = self._pdf(move)
        self.assertTrue(_pdffonts(pdf), "the PDF has fonts: its text is text")
        text = _pdftotext(pdf)
        self._assert_seller(text)
        self.assertIn("FR23334175221", text, "the customer's VAT number")
        self.assertIn(
            "Livraison intracommunautaire de biens exonérée – article 138", text
        )
        self.assertRegex(text, r"0% 200[.,]00\s?€ 0[.,]00\s?€", "the 0 % VAT line")
        self.assertIn("05/03/2026", text, "the date in French order")
        self.assertNotIn("03/05/2026", text)

    def test_oss_invoice_and_credit_note_in_german(self):
        self.company.oss_opt_in = True
        self.company.oss_opt_in_date = "2024-01-01"
        move = self._invoice(
            self.partner_de,
            self.products["standard"] | self.products["books"],
            invoice_date="2026-03-05",
            post=True,
        )
        text = _pdftotext(self._pdf(move))
        self._assert_seller(text)
        self.assertIn("Fernverkauf von Gegenständen", text)
        self.assertRegex(text, r"19% DE 100,00\s?€ 19,00\s?€")
        self.assertRegex(text, r"7% DE 100,00\s?€ 7,00\s?€")
        self.assertIn("05.03.2026", text, "the date in German order")
        refund = move._reverse_moves([{"invoice_date": "2026-03-20"}])
        refund.action_post()
        text = _pdftotext(self._pdf(refund))
        self._assert_seller(text)
        self.assertIn("20.03.2026", text)
        self.assertRegex(text, r"19% DE -?100,00\s?€ -?19,00\s?€")

    def test_every_page_says_who_issued_it(self):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner_lu.id,
                "invoice_date": "2026-03-05",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.products["standard"].id,
                            "name": f"Article {n}",
                            "price_unit": 10.0,
                        }
                    )
                    for n in range(70)
                ],
            }
        )
        move.action_post()
        pdf = self._pdf(move)
        pages = _pdf_pages(pdf)
        self.assertGreater(pages, 1)
        for page in range(1, pages + 1):
            text = _pdftotext(pdf, page)
            self.assertIn("Boutique Mersch SARL", text, f"page {page}")
            self.assertIn("LU26375245", text, f"page {page}")

    def test_invoice_printed_without_waiting_for_scripts(self):
        """Odoo makes wkhtmltopdf wait report.print_delay (1 s) for scripts and web
        fonts; the invoice with the seller in the body has neither and is printed
        at once, whole: the delay is the system parameter's, 0 by default."""
        if not report_pdf.unpatched():
            self.skipTest("the patched build prints Odoo's header: Odoo's delay")
        from odoo.addons.base.models import ir_actions_report as base_report

        move = self._invoice(self.partner_lu, self.products["standard"], post=True)
        params = self.env["ir.config_parameter"].sudo()

        def delay_of_print(value):
            params.set_param(report_pdf.PRINT_DELAY_PARAM, value)
            with patch.object(
                base_report, "_run_wkhtmltopdf", wraps=base_report._run_wkhtmltopdf
            ) as run:
                text = _pdftotext(self._pdf(move))
            args = run.call_args.args[0]
            self._assert_seller(text)
            self.assertIn(move.name, text, "the invoice is printed whole")
            return args[args.index("--javascript-delay") + 1]

        self.assertEqual(delay_of_print(False), "0")
        self.assertEqual(delay_of_print("250"), "250")
        with self.assertLogs(
            "odoo.addons.oss_vat_invoice.models.ir_actions_report", "WARNING"
        ) as logs:
            self.assertEqual(delay_of_print("soon"), "0", "a wrong value: the default")
        self.assertIn(report_pdf.PRINT_DELAY_PARAM, logs.output[0])
        self.assertIn("'soon'", logs.output[0])
        # Other reports keep Odoo's delay.
        paperformat = self.env.company.paperformat_id
        args = self.env["ir.actions.report"]._build_wkhtmltopdf_args(paperformat, False)
        self.assertEqual(args[args.index("--javascript-delay") + 1], "1000")

    def test_patched_build_keeps_odoo_header(self):
        """With the patched build, nothing is added: Odoo's header and footer carry
        the seller."""
        move = self._invoice(self.partner_lu, self.products["standard"], post=True)
        with patch.object(report_pdf, "unpatched", return_value=False):
            self.assertFalse(
                self.env["ir.actions.report"]._oss_seller_in_body(
                    "account.account_invoices"
                )
            )
        self.assertTrue(
            self.env["ir.actions.report"]._oss_seller_in_body(
                "account.account_invoices"
            )
            == report_pdf.unpatched()
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", move.ids)[0]
            .decode()
        )
        self.assertNotIn("oss_seller_identity", html, "not in the HTML preview")


@tagged("post_install", "-at_install")
class TestStampPages(TransactionCase):
    def test_stamp_on_every_page(self):
        from reportlab.pdfgen import canvas

        buffer = io.BytesIO()
        can = canvas.Canvas(buffer)
        for n in range(3):
            can.drawString(100, 700, f"Body {n}")
            can.showPage()
        can.save()
        stamped = report_pdf.stamp_pages(
            buffer.getvalue(), ["Seller SARL · Mersch", "VAT: LU26375245"]
        ).getvalue()
        if not shutil.which("pdftotext"):
            self.skipTest("needs poppler-utils")
        for page in (1, 2, 3):
            text = _pdftotext(stamped, page)
            self.assertIn("Seller SARL · Mersch", text)
            self.assertIn(f"Page {page} / 3", text)
        self.assertTrue(_pdffonts(stamped), "drawn as text")


@tagged("post_install", "-at_install")
class TestInvoicePrintDelaySetting(TransactionCase):
    def test_whole_milliseconds_or_an_error_naming_the_parameter(self):
        self.assertEqual(report_pdf.invoice_print_delay(False), 0)
        self.assertEqual(report_pdf.invoice_print_delay(" 300 "), 300)
        self.assertEqual(report_pdf.invoice_print_delay("10000"), 10000)
        for wrong in ("-1", "10001", "1.5", "soon"):
            with self.assertRaisesRegex(ValueError, report_pdf.PRINT_DELAY_PARAM):
                report_pdf.invoice_print_delay(wrong)
