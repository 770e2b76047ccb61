# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models
from odoo.tools import SQL

DEFAULT_LIMIT = 10  # order look-ups per IP address per window
DEFAULT_WINDOW = 900  # seconds


class RmaPortalAttempt(models.Model):
    """Order look-ups on the public return page per IP address and time window,
    kept in the database so that the limit holds across every Odoo worker and
    node: guessing order numbers and e-mail addresses stays slow."""

    _name = "rma.portal.attempt"
    _description = "Return page look-ups per IP address"
    _log_access = False

    ip = fields.Char(string="IP address", required=True)
    window_start = fields.Datetime(string="Window start", required=True)
    count = fields.Integer(string="Look-ups")

    _unique_ip_window = models.Constraint(
        "UNIQUE(ip, window_start)", "One counter per IP address and window."
    )

    @api.model
    def _limits(self):
        params = self.env["ir.config_parameter"].sudo()
        return (
            int(params.get_param("sale_channel_rma.lookup_limit", DEFAULT_LIMIT)),
            int(params.get_param("sale_channel_rma.lookup_window", DEFAULT_WINDOW)),
        )

    @api.model
    def _hit(self, ip):
        """Count one look-up of ``ip``; False when over the limit. One query."""
        limit, window = self._limits()
        now = fields.Datetime.now()
        elapsed = int((now - datetime.datetime(1970, 1, 1)).total_seconds())
        start = now - datetime.timedelta(seconds=elapsed % window)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO rma_portal_attempt (ip, window_start, count)
                VALUES (%s, %s, 1)
                ON CONFLICT (ip, window_start)
                DO UPDATE SET count = rma_portal_attempt.count + 1
                RETURNING count
                """,
                ip or "unknown",
                start,
            )
        )
        return self.env.cr.fetchone()[0] <= limit

    @api.autovacuum
    def _gc_attempts(self):
        self.env.cr.execute(
            "DELETE FROM rma_portal_attempt "
            "WHERE window_start < now() - interval '1 day'"
        )
