# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(
        self, success_pids, success_emails, failure_reason=False, failure_type=None
    ):
        """An invoice e-mail the mail server refused puts its order back on the
        "needs attention" list. The mail is sent after the job's transaction has
        committed, so the invoice is already posted (its number is issued and
        cannot go back to draft): the order says the invoice was not sent, and
        Invoice and Send Again sends it again."""
        if failure_type:
            self._auto_invoice_mail_failed(failure_reason)
        return super()._postprocess_sent_message(
            success_pids,
            success_emails,
            failure_reason=failure_reason,
            failure_type=failure_type,
        )

    def _auto_invoice_mail_failed(self, failure_reason):
        # sudo: the mail queue runs as whoever triggers it (cron, a user clicking
        # "Send now"); flagging the order of an automatic invoice is bookkeeping
        # of that queue, limited to the invoices these mails belong to.
        mails = self.sudo().filtered(lambda m: m.model == "account.move" and m.res_id)
        if not mails:
            return
        moves = self.env["account.move"].sudo().browse(set(mails.mapped("res_id")))
        for move in moves.exists():
            orders = move.line_ids.sale_line_ids.order_id.filtered(
                lambda o: o.auto_invoice_state in ("queued", "done")
            )
            if not orders:
                continue  # not sent by the channel's automatic invoicing
            mail = mails.filtered(lambda m, move=move: m.res_id == move.id)[:1]
            reason = move.with_context(
                lang=orders[:1].user_id.lang or self.env.lang
            ).env._(
                "The e-mail with %(invoice)s could not be sent to %(email)s: "
                "%(reason)s. The invoice is posted; click Invoice and Send Again to "
                "send it again.",
                invoice=move.name,
                email=move.partner_id.email or mail.email_to or "?",
                reason=failure_reason or mail.failure_reason or mail.failure_type,
            )
            move.auto_invoice_error = reason
            orders._auto_invoice_fail(reason)
