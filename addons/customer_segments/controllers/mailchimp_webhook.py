# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)


class MailchimpWebhook(http.Controller):
    """Receives Mailchimp audience webhooks (unsubscribe, cleaned, subscribe).

    Mailchimp cannot sign its webhooks: the URL carries a per-audience secret.
    Mailchimp checks the URL with a GET before saving it, then POSTs form data
    such as ``type=unsubscribe&data[email]=...&data[list_id]=...``.
    """

    @http.route(
        "/customer_segments/mailchimp/<int:audience_id>/<string:secret>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        save_session=False,
    )
    def mailchimp_webhook(self, audience_id, secret, **post):
        # sudo: the caller is Mailchimp (public user); the secret in the URL is
        # the authentication, checked before anything is read or written.
        audience = request.env["mailchimp.audience"].sudo().browse(audience_id).exists()
        if not audience or not audience._check_webhook_secret(secret):
            raise request.not_found()
        if request.httprequest.method == "GET":
            return request.make_response("ok", headers=[("Content-Type", "text/plain")])
        event_type = post.get("type") or ""
        data = {
            key[5:-1]: value
            for key, value in post.items()
            if key.startswith("data[") and key.endswith("]") and "][" not in key
        }
        applied = audience._handle_webhook(event_type, data)
        _logger.info(
            "Mailchimp webhook %s for audience %s: %s",
            event_type,
            audience.id,
            "applied" if applied else "ignored",
        )
        return request.make_response("ok", headers=[("Content-Type", "text/plain")])
