# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
import hmac
import secrets

from odoo import api, fields, models

from .. import stock_feed

#: The cursor handed out is this much before the fetch, so that a transaction
#: still running during the fetch (its write dates are earlier) is seen next time.
CURSOR_OVERLAP = datetime.timedelta(seconds=60)


class CrmTeam(models.Model):
    _inherit = "crm.team"

    stock_feed_token = fields.Char(
        copy=False,
        readonly=True,
        groups="base.group_system",
        help="Secret part of the stock feed's URL. Readable by system "
        "administrators only; a sales manager creates a new one, which is shown "
        "once.",
    )
    stock_feed_enabled = fields.Boolean(
        "Stock Feed Published",
        compute="_compute_stock_feed_enabled",
        compute_sudo=True,
        help="The channel's stock is served at a secret URL.",
    )

    @api.depends("stock_feed_token")
    def _compute_stock_feed_enabled(self):
        for team in self:
            team.stock_feed_enabled = bool(team.stock_feed_token)

    # ------------------------------------------------------------------
    # Token (sales managers set it, nobody but system administrators reads it)
    # ------------------------------------------------------------------

    def _stock_feed_url(self, fmt, token):
        self.ensure_one()
        # sudo: web.base.url is a system parameter.
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        return f"{base}/sale_channel/stock/{self.id}/{token}/stock.{fmt}"

    def action_stock_feed_new_token(self):
        """Publish the channel's stock at a new secret URL (the old one stops
        working) and show it once."""
        self.ensure_one()
        self.check_access("write")
        token = secrets.token_urlsafe(24)
        # sudo: the token is readable and writable by system administrators only;
        # a sales manager may replace it (checked above) and sees it this once.
        self.sudo().stock_feed_token = token
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Stock feed of %s", self.display_name),
                "message": self.env._(
                    "Give these addresses to the channel; they are not shown "
                    "again (create a new one if you lose them).\nCSV: %(csv)s\n"
                    "JSON: %(json)s",
                    csv=self._stock_feed_url("csv", token),
                    json=self._stock_feed_url("json", token),
                ),
                "sticky": True,
                "type": "warning",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_stock_feed_revoke(self):
        """Stop publishing the channel's stock: its feed URL answers 404."""
        self.check_access("write")
        # sudo: see action_stock_feed_new_token.
        self.sudo().stock_feed_token = False

    @api.model
    def _stock_feed_authenticate(self, team_id, token):
        """The active channel ``team_id`` whose feed token is ``token``, else an
        empty recordset. Call it as superuser: the caller has no Odoo user."""
        team = self.browse(team_id).exists()
        if (
            not team
            or not team.active
            or not team.stock_feed_token
            or not token
            or not hmac.compare_digest(
                team.stock_feed_token.encode(), str(token).encode()
            )
        ):
            return self.browse()
        return team

    # ------------------------------------------------------------------
    # Content
    # ------------------------------------------------------------------

    def _stock_feed_products(self, among_ids=None):
        """Products the feed lists: saleable, storable, of the channel's
        company (or shared), with an internal reference or a barcode by which
        the channel matches them."""
        self.ensure_one()
        company = self.company_id or self.env.company
        domain = [
            ("sale_ok", "=", True),
            ("is_storable", "=", True),
            ("company_id", "in", [False, *company.parent_ids.ids]),
            "|",
            ("default_code", "!=", False),
            ("barcode", "!=", False),
        ]
        if among_ids is not None:
            domain.append(("id", "in", list(among_ids)))
        return self.env["product.product"].search_fetch(
            domain, ["default_code", "barcode"], order="id"
        )

    def _stock_feed_rows(self, since=None):
        """Rows of the feed and the cursor for the next changed-set call.

        :param since: naive UTC datetime; when given, only the products whose
            publishable quantity may have changed since then
            (``_get_publishable_changed_since``)
        :return: (list of dicts with product_id, sku, gtin, quantity, cursor str)
        """
        self.ensure_one()
        cursor = stock_feed.format_cursor(self.env.cr.now() - CURSOR_OVERLAP)
        among_ids = None
        if since:
            among_ids = self._get_publishable_changed_since(since).ids
        products = self._stock_feed_products(among_ids)
        quantities = self._get_publishable_quantities(products) if products else {}
        rows = [
            {
                "product_id": product.id,
                "sku": product.default_code or "",
                "gtin": product.barcode or "",
                "quantity": max(0, int(quantities.get(product.id) or 0)),
            }
            for product in products
        ]
        return rows, cursor

    def _stock_feed_render(self, fmt, since=None):
        """(body, next cursor, content type) of the feed in ``fmt`` (csv, json)."""
        self.ensure_one()
        rows, cursor = self._stock_feed_rows(since)
        if fmt == "csv":
            body = stock_feed.render_csv(rows)
        else:
            body = stock_feed.render_json(rows, self.name, cursor, since)
        return body, cursor, stock_feed.CONTENT_TYPES[fmt]
