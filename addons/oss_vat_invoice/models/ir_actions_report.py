# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import logging

from odoo import models

from .. import report_pdf

_logger = logging.getLogger(__name__)
DEFAULT_DELAY = report_pdf.DEFAULT_INVOICE_PRINT_DELAY


class IrActionsReport(models.Model):
    """Customer invoices and credit notes always carry the seller's identity, even
    when wkhtmltopdf cannot render Odoo's header and footer (see report_pdf)."""

    _inherit = "ir.actions.report"

    def _register_hook(self):
        res = super()._register_hook()
        report_pdf.warn_once(_logger)
        return res

    def _oss_seller_in_body(self, report_ref):
        report = self._get_report(report_ref)
        return (
            report.model == "account.move"
            and self._is_invoice_report(report_ref)
            and report_pdf.unpatched()
        )

    def _build_wkhtmltopdf_args(
        self,
        paperformat_id,
        landscape,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        args = super()._build_wkhtmltopdf_args(
            paperformat_id,
            landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )
        if self.env.context.get("oss_seller_in_body") and "--javascript-delay" in args:
            # The invoice printed with the seller in the body runs no script and
            # waits for no web font (system fonts, no header nor footer page), so
            # Odoo's report.print_delay (1 s by default) is only waiting: about
            # four fifths of each invoice's PDF time. The PDF is the same byte for
            # byte (see report_pdf.DEFAULT_INVOICE_PRINT_DELAY).
            # sudo: a technical setting, read as Odoo reads report.print_delay
            value = (
                self.env["ir.config_parameter"]
                .sudo()
                .get_param(report_pdf.PRINT_DELAY_PARAM)
            )
            try:
                delay = report_pdf.invoice_print_delay(value)
            except ValueError as exc:
                # A wrong setting must not stop invoicing: the default, and say so.
                _logger.warning("%s; printing after %s ms", exc, DEFAULT_DELAY)
                delay = DEFAULT_DELAY
            args[args.index("--javascript-delay") + 1] = str(delay)
        return args

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        if not self._oss_seller_in_body(report_ref):
            return super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=res_ids
            )
        # The template prints the seller block and uses system fonts when this
        # context key is set (only for PDFs: the HTML preview shows the header).
        streams = super(
            IrActionsReport, self.with_context(oss_seller_in_body=True)
        )._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        moves = self.env["account.move"].browse(
            [res_id for res_id in streams if res_id]
        )
        for move in moves:
            values = streams[move.id]
            # A stored attachment was stamped when it was rendered.
            if values.get("attachment") or not values.get("stream"):
                continue
            if not move.is_sale_document(include_receipts=True):
                continue
            lines, page_label = move._oss_seller_stamp()
            stamped = report_pdf.stamp_pages(values["stream"], lines, page_label)
            values["stream"].close()
            values["stream"] = stamped
        return streams
