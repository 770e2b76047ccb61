# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo import api, fields, models
from odoo.tools import SQL

DEFAULT_LIMIT = 120  # feed requests per IP address per window
DEFAULT_WINDOW = 600  # seconds


class SaleChannelStockFeedHit(models.Model):
    """Stock feed requests per IP address and time window, kept in the
    database so that the limit holds across every Odoo worker and node."""

    _name = "sale.channel.stock.feed.hit"
    _description = "Stock feed requests per IP address"
    _log_access = False

    ip = fields.Char(required=True)
    window_start = fields.Datetime(required=True)
    count = fields.Integer()

    _unique_ip_window = models.Constraint(
        "UNIQUE(ip, window_start)", "One counter per IP address and window."
    )

    @api.model
    def _limits(self):
        # sudo: the limits are system parameters; the feed has no Odoo user.
        params = self.env["ir.config_parameter"].sudo()
        return (
            int(params.get_param("sale_channel_stock_feed.limit", DEFAULT_LIMIT)),
            int(params.get_param("sale_channel_stock_feed.window", DEFAULT_WINDOW)),
        )

    @api.model
    def _hit(self, ip):
        """Count one request of ``ip``. Returns 0 while under the limit, else
        the seconds until the window ends (for Retry-After). One query."""
        limit, window = self._limits()
        window = max(window, 1)
        now = fields.Datetime.now()
        elapsed = int((now - datetime.datetime(1970, 1, 1)).total_seconds())
        start = now - datetime.timedelta(seconds=elapsed % window)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO sale_channel_stock_feed_hit (ip, window_start, count)
                VALUES (%s, %s, 1)
                ON CONFLICT (ip, window_start)
                DO UPDATE SET count = sale_channel_stock_feed_hit.count + 1
                RETURNING count
                """,
                ip or "unknown",
                start,
            )
        )
        if self.env.cr.fetchone()[0] <= limit:
            return 0
        return max(1, window - elapsed % window)

    @api.autovacuum
    def _gc_hits(self):
        self.env.cr.execute(
            "DELETE FROM sale_channel_stock_feed_hit "
            "WHERE window_start < now() - interval '1 day'"
        )
