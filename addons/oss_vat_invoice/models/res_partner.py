# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.modules import module as odoo_module

from .. import vat_decision as vd
from .. import vies_client

_logger = logging.getLogger(__name__)

#: Delays (seconds) between re-checks of a pending number: 5 min doubling up to 6 h.
VIES_BACKOFF = (300, 600, 1200, 2400, 4800, 9600, 21600)


class ResPartner(models.Model):
    _inherit = "res.partner"

    oss_vies_status = fields.Selection(
        [
            ("none", "Not checked"),
            ("valid", "Valid"),
            ("invalid", "Invalid"),
            ("pending", "Pending"),
        ],
        string="VIES status",
        default="none",
        copy=False,
        tracking=True,
        help="Result of the last VIES check of this VAT number. Only 'Valid' allows a "
        "0 % "
        "intra-Community supply; 'Pending' means VIES did not answer and a job "
        "retries.",
    )
    oss_vies_vat = fields.Char(string="VAT number checked", copy=False, readonly=True)
    oss_vies_last_check_id = fields.Many2one(
        "oss.vies.check", string="Last VIES check", copy=False, readonly=True
    )
    oss_vies_check_ids = fields.One2many(
        "oss.vies.check", "partner_id", string="VIES checks"
    )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._oss_vies_enqueue()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if "vat" in vals and not self.env.context.get("oss_vies_no_check"):
            self._oss_vies_enqueue()
        return res

    def _oss_vies_needs_check(self):
        """Companies with a VAT number of another member state than the company's."""
        seller = (self.env.company._oss_seller_country().code or "").upper()
        return self.filtered(
            lambda p: (
                p.is_company
                and not p.parent_id
                and p.vat
                and vd.vat_number_country(p.vat) in vd.GOODS_MEMBER_STATES
                and vd.vat_number_country(p.vat) != seller
                and not (
                    p.oss_vies_vat == p.vat
                    and p.oss_vies_status in ("valid", "invalid")
                )
            )
        )

    def _oss_vies_enqueue(self, attempt=0, eta=None):
        partners = self._oss_vies_needs_check() if not attempt else self
        for partner in partners:
            partner.with_delay(
                channel="root.vies",
                eta=eta,
                max_retries=3,
                identity_key=f"oss_vies:{partner.id}:{partner.vat}:{attempt}",
                description=self.env._(
                    "VIES check of %(vat)s (%(partner)s)",
                    vat=partner.vat,
                    partner=partner.name,
                ),
            )._oss_vies_check_job(attempt)
        return partners

    def _oss_vies_check_job(self, attempt=0):
        """Queue job: check the number, store the evidence, and when VIES is down
        re-enqueue itself later (backoff) instead of failing."""
        self.ensure_one()
        check = self._oss_vies_check()
        if check.status == "pending":
            if attempt + 1 < len(VIES_BACKOFF):
                delay = VIES_BACKOFF[attempt]
                self._oss_vies_enqueue(attempt=attempt + 1, eta=delay)
                return f"pending ({check.error}), re-check in {delay} s"
            return f"pending ({check.error}), left to the daily re-check"
        return check.status

    def _oss_vies_check(self):
        """Ask VIES now; record an oss.vies.check and update the partner's status."""
        self.ensure_one()
        company = self.env.company
        # sudo: the VIES endpoint and timeout are technical settings (system
        # parameters) that the job user or salesperson may not read.
        params = self.env["ir.config_parameter"].sudo()
        base_url = (
            params.get_param("oss_vat_invoice.vies_url") or vies_client.DEFAULT_URL
        )
        soap_url = (
            params.get_param("oss_vat_invoice.vies_soap_url")
            or vies_client.DEFAULT_SOAP_URL
        )
        if soap_url == "disabled":
            soap_url = ""
        timeout = float(
            params.get_param("oss_vat_invoice.vies_timeout")
            or vies_client.DEFAULT_TIMEOUT
        )
        # Plain http only for the local fake servers of the tests.
        allow_http = bool(odoo_module.current_test)
        for param, url in (
            ("oss_vat_invoice.vies_url", base_url),
            ("oss_vat_invoice.vies_soap_url", soap_url),
        ):
            try:
                url and vies_client.check_url(url, allow_http)
            except ValueError as exc:
                raise UserError(
                    self.env._(
                        "The VIES address %(url)s (system parameter %(param)s) must "
                        "be an https URL.",
                        url=url,
                        param=param,
                    )
                ) from exc
        result = vies_client.check_vat(
            self.vat,
            requester_vat=company.vat or "",
            base_url=base_url,
            timeout=timeout,
            soap_url=soap_url,
            allow_http=allow_http,
        )
        # sudo: the evidence is written by the system for whoever triggered the check
        # (a salesperson creating a customer); users only read it.
        check = (
            self.env["oss.vies.check"]
            .sudo()
            .create(
                {
                    "partner_id": self.id,
                    "company_id": company.id,
                    "vat": self.vat,
                    "status": result.status,
                    "request_date": result.request_date,
                    "request_identifier": result.request_identifier,
                    "trader_name": result.name,
                    "trader_address": result.address,
                    "error": result.error,
                    "raw_response": result.raw,
                    "source": result.source or False,
                }
            )
        )
        previous = self.oss_vies_status
        self.with_context(oss_vies_no_check=True).write(
            {
                # A valid number that VIES cannot confirm today stays valid until the
                # next answer: an outage says nothing about the number.
                "oss_vies_status": "valid"
                if result.status == "pending"
                and previous == "valid"
                and self.oss_vies_vat == self.vat
                else result.status,
                "oss_vies_vat": self.vat,
                "oss_vies_last_check_id": check.id,
            }
        )
        self._oss_refresh_drafts()
        return check

    def _oss_refresh_drafts(self):
        """Re-decide draft invoices and quotations of these customers."""
        commercial = self.commercial_partner_id
        moves = self.env["account.move"].search(
            [
                ("commercial_partner_id", "in", commercial.ids),
                ("state", "=", "draft"),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ]
        )
        orders = self.env["sale.order"].search(
            [
                ("partner_id.commercial_partner_id", "in", commercial.ids),
                ("state", "in", ("draft", "sent")),
            ]
        )
        # Recompute the decision the ORM way: the fiscal position follows through its
        # dependency on the rule, then the line taxes are re-derived.
        self.env.add_to_compute(moves._fields["oss_vat_rule"], moves)
        self.env.add_to_compute(orders._fields["oss_vat_rule"], orders)
        before = {order: order.fiscal_position_id for order in orders}
        self.env.flush_all()
        self.env.add_to_compute(moves._fields["fiscal_position_id"], moves)
        self.env.add_to_compute(orders._fields["fiscal_position_id"], orders)
        self.env.flush_all()
        moves._oss_recompute_line_taxes()
        for order in orders:
            if order.fiscal_position_id != before[order]:
                order.order_line._compute_tax_ids()

    def action_oss_vies_check(self):
        for partner in self:
            partner._oss_vies_check()
        return True

    @api.model
    def _cron_oss_vies_recheck(self, limit=200):
        """Re-check valid numbers older than the company's period, and pending ones."""
        company = self.env.company
        stale = fields.Datetime.now() - datetime.timedelta(
            days=company.oss_vies_recheck_days or 90
        )
        partners = self.search(
            [
                ("vat", "!=", False),
                "|",
                ("oss_vies_status", "=", "pending"),
                "&",
                ("oss_vies_status", "=", "valid"),
                "|",
                ("oss_vies_last_check_id", "=", False),
                ("oss_vies_last_check_id.checked_on", "<", stale),
            ],
            limit=limit,
        )
        for partner in partners:
            partner.with_delay(
                channel="root.vies",
                identity_key=f"oss_vies:{partner.id}:{partner.vat}:recheck",
                description=self.env._("VIES re-check of %(vat)s", vat=partner.vat),
            )._oss_vies_check_job(0)
        return partners
