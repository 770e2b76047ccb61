# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import http
from odoo.http import request

from .. import stock_feed

NO_STORE = ("Cache-Control", "no-store")


class SaleChannelStockFeedController(http.Controller):
    @http.route(
        "/sale_channel/stock/<int:team_id>/<string:token>/stock.<any(csv,json):fmt>",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def stock_feed(self, team_id, token, fmt, since=None, **kwargs):
        """A sales channel's publishable stock (secret token in the URL); with
        ``since``, the products changed since that cursor only."""
        # Responses are returned, not raised, so that the request counter is
        # committed for refused requests too (a token cannot be guessed fast).
        # sudo: the caller has no Odoo user; the secret token is the authentication.
        env = request.env(su=True)
        retry_after = env["sale.channel.stock.feed.hit"]._hit(
            request.httprequest.remote_addr
        )
        if retry_after:
            return request.make_response(
                "Too Many Requests",
                headers=[("Retry-After", str(retry_after)), NO_STORE],
                status=429,
            )
        team = env["crm.team"]._stock_feed_authenticate(team_id, token)
        if not team:
            return request.make_response("Not Found", headers=[NO_STORE], status=404)
        try:
            since = stock_feed.parse_since(since)
        except ValueError:
            return request.make_response(
                "Bad Request: since must be a date and time such as "
                "2026-03-01T10:00:00Z (UTC).",
                headers=[NO_STORE],
                status=400,
            )
        if team.company_id:
            team = team.with_company(team.company_id)
        body, cursor, content_type = team._stock_feed_render(fmt, since)
        return request.make_response(
            body,
            headers=[
                ("Content-Type", content_type),
                ("X-Stock-Feed-Next-Since", cursor),
                NO_STORE,
            ],
        )
