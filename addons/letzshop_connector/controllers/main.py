import hmac

from odoo import http
from odoo.http import request

from ..models.letzshop_feed import FEED_LANGS


class LetzshopFeedController(http.Controller):
    @http.route(
        "/letzshop/feed/<int:account_id>/<string:token>/<string:lang>.tsv",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def letzshop_feed(self, account_id, token, lang, **kwargs):
        """Tab-separated product feed fetched by Letzshop (secret token in the URL)."""
        # sudo: Letzshop has no Odoo user; the secret token is the authentication.
        account = request.env["letzshop.account"].sudo().browse(account_id).exists()
        if (
            not account
            or not account.active
            or lang not in FEED_LANGS
            or not account.feed_token
            or not hmac.compare_digest(account.feed_token.encode(), token.encode())
        ):
            raise request.not_found()
        body = account.with_company(account.company_id)._letzshop_render_feed(lang)
        account._letzshop_mark_published()
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "text/tab-separated-values; charset=utf-8"),
                ("Cache-Control", "no-store"),
            ],
        )
