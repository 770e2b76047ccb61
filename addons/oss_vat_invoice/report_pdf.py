# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""What the invoice PDF needs from the wkhtmltopdf build (plain Python, no ORM).

Odoo prints the seller's identity (name, address, VAT number) in the report header
and footer, which wkhtmltopdf renders only when it is the build "with patched qt"
(https://github.com/wkhtmltopdf/packaging/releases). Distribution packages (Debian's
``wkhtmltopdf``) are not: they ignore ``--header-html`` / ``--footer-html``, so the
header and footer silently vanish, and they draw every web font of the report
(Lato, loaded with ``@font-face``) as vector shapes, so the PDF has no text at all.

With such a build the invoice report therefore:

* prints the seller block in the body and switches the text to fonts installed
  with the system (DejaVu Sans, Liberation Sans...), which stay real text
  (report/report_invoice.xml);
* stamps the seller's name, address and VAT number on every page of the PDF
  (:func:`stamp_pages`), as text, in the bottom margin the footer would have used.
"""

import io
import logging

_logger = logging.getLogger(__name__)

PATCHED_BUILD_URL = "https://github.com/wkhtmltopdf/packaging/releases"
#: System parameter: milliseconds wkhtmltopdf waits after loading an invoice printed
#: with the seller in the body, before printing it (``--javascript-delay``).
PRINT_DELAY_PARAM = "oss_vat_invoice.invoice_print_delay"
#: Odoo waits ``report.print_delay`` (1000 ms) for scripts and web fonts; such an
#: invoice has neither, and printed after 0 ms it is the same PDF, byte for byte.
DEFAULT_INVOICE_PRINT_DELAY = 0
_warned = []


def wkhtmltopdf_info():
    """Odoo's own detection of the wkhtmltopdf binary (state, version, patched)."""
    from odoo.addons.base.models.ir_actions_report import _wkhtml

    return _wkhtml()


def unpatched():
    """Whether PDFs are rendered by a wkhtmltopdf without patched Qt."""
    info = wkhtmltopdf_info()
    return info.state == "ok" and not info.is_patched_qt


def invoice_print_delay(value):
    """The delay in milliseconds from the system parameter's text (unset: the
    default). Raises ValueError unless it is a whole number from 0 to 10,000."""
    if value in (None, False, ""):
        return DEFAULT_INVOICE_PRINT_DELAY
    try:
        delay = int(str(value).strip())
    except ValueError:
        delay = -1
    if not 0 <= delay <= 10000:
        raise ValueError(
            f"{PRINT_DELAY_PARAM} must be a whole number of milliseconds from 0 "
            f"to 10000, not {value!r}"
        )
    return delay


def warn_once(logger=_logger):
    """Log, once per process, that the build lacks patched Qt and what we do."""
    if _warned or not unpatched():
        return False
    _warned.append(True)
    info = wkhtmltopdf_info()
    logger.warning(
        "wkhtmltopdf %s at %s is not the build 'with patched qt': it drops the "
        "header and footer of reports (the seller's name, address and VAT number) "
        "and draws web fonts as shapes instead of text. oss_vat_invoice prints the "
        "seller in the body and on every page of customer invoices and credit "
        "notes, with system fonts. Install the patched build (0.12.6.1 or later) "
        "from %s.",
        info.version,
        info.bin,
        PATCHED_BUILD_URL,
    )
    return True


def stamp_pages(pdf_stream, lines, page_label="Page %(page)s / %(pages)s"):
    """Return a copy of the PDF in ``pdf_stream`` (bytes or a binary stream) with
    ``lines`` (short texts) and the page number drawn as text at the bottom of
    every page."""
    from reportlab.lib import colors
    from reportlab.pdfgen import canvas

    from odoo.tools.pdf import PdfFileReader, PdfFileWriter

    if isinstance(pdf_stream, bytes):
        pdf_stream = io.BytesIO(pdf_stream)
    original = PdfFileReader(pdf_stream, strict=False)
    pages = original.getNumPages()
    packet = io.BytesIO()
    can = canvas.Canvas(packet)
    for index in range(pages):
        page = original.getPage(index)
        width = float(abs(page.mediaBox.getWidth()))
        height = float(abs(page.mediaBox.getHeight()))
        can.setPageSize((width, height))
        can.setFont("Helvetica", 7.5)
        can.setFillColor(colors.Color(0.25, 0.25, 0.25))
        texts = [*lines, page_label % {"page": index + 1, "pages": pages}]
        y = 8 * 2.8346 + 9 * (len(texts) - 1)  # 8 mm from the bottom edge
        for text in texts:
            can.drawCentredString(width / 2, y, text[:180])
            y -= 9
        can.showPage()
    can.save()
    stamps = PdfFileReader(packet)
    writer = PdfFileWriter()
    for index in range(pages):
        page = original.getPage(index)
        page.mergePage(stamps.getPage(index))
        writer.addPage(page)
    output = io.BytesIO()
    writer.write(output)
    output.seek(0)
    return output
