# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import shutil
import subprocess
import tempfile
import unittest

from odoo.tests import HttpCase, tagged

from odoo.addons.oss_vat_invoice import report_pdf

from .common import CustomsCase


def _pdftotext(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    return " ".join(out.split())


@tagged("post_install", "-at_install")
class TestCustomsPdf(CustomsCase, HttpCase):
    """The PDFs as a running server renders them, read back as text; each is
    attached to the delivery when it is validated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not shutil.which("pdftotext") or report_pdf.wkhtmltopdf_info().state != "ok":
            raise unittest.SkipTest("needs wkhtmltopdf and poppler-utils")
        cls.env = cls.env(context=dict(cls.env.context, force_report_rendering=True))

    def _validated_pdf(self, picking, title):
        self.env.flush_all()
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        attachment = self._attachments(picking)
        self.assertEqual(len(attachment), 1, "one customs document attached")
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertTrue(attachment.name.startswith(title))
        return _pdftotext(attachment.raw)

    def test_cn22_light_and_cheap(self):
        picking = self._delivery(self.oslo, [(self.mug, 2)])
        text = self._validated_pdf(picking, "CN22")
        self.assertIn("CUSTOMS DECLARATION CN 22", text)
        for expected in ("Enamel mug", "6912.00", "Portugal (PT)", "0.600", "24.00"):
            self.assertIn(expected, text)
        self.assertIn("LU2637524500000", text, "the sender's EORI")
        self.assertIn("Kari Nordmann", text)
        self.assertIn("Boutique Mersch SARL", text)

    def test_cn23_heavy(self):
        picking = self._delivery(self.oslo, [(self.mug, 1), (self.lamp, 1)])
        text = self._validated_pdf(picking, "CN23")
        self.assertIn("CUSTOMS DECLARATION CN 23", text)
        for expected in ("Desk lamp", "9405.21.00", "China (CN)", "2.500", "180.00"):
            self.assertIn(expected, text)
        self.assertIn("192.00", text, "the total value")
        self.assertIn("DAP", text)

    def test_commercial_invoice_for_courier(self):
        picking = self._delivery(self.oslo, [(self.mug, 1)], carrier=self.courier)
        text = self._validated_pdf(picking, "Commercial invoice")
        self.assertIn("COMMERCIAL INVOICE", text)
        self.assertIn("6912.00", text)
        self.assertIn("12.00", text)

    def test_canary_islands_get_papers_france_none(self):
        canary = self._delivery(self.las_palmas, [(self.mug, 1)])
        text = self._validated_pdf(canary, "CN22")
        self.assertIn("Las Palmas", text)
        france = self._delivery(self.paris, [(self.mug, 1)])
        france.button_validate()
        self.assertEqual(france.state, "done")
        self.assertFalse(self._attachments(france))

    def test_french_labels(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["delivery_customs"], ["fr_FR"])
        self.oslo.lang = "fr_FR"
        picking = self._delivery(self.oslo, [(self.lamp, 1)])
        text = self._validated_pdf(picking, "CN23")
        self.assertIn("DÉCLARATION EN DOUANE CN 23", text)
        self.assertIn("Pays d'origine", text)
