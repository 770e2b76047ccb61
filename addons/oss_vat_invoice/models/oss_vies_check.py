# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class OssViesCheck(models.Model):
    """Evidence of one VIES consultation: kept for the tax auditor (10 years in LU)."""

    _name = "oss.vies.check"
    _description = "VIES check of a VAT number"
    _order = "checked_on desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    vat = fields.Char(string="VAT number", required=True)
    status = fields.Selection(
        [
            ("valid", "Valid"),
            ("invalid", "Invalid"),
            ("pending", "No answer (pending)"),
        ],
        required=True,
    )
    checked_on = fields.Datetime(required=True, default=fields.Datetime.now)
    request_date = fields.Char(help="Date of the consultation as VIES returned it.")
    request_identifier = fields.Char(
        string="Consultation number",
        help="Returned by VIES when the seller's own VAT number is sent as requester: "
        "proof of the check.",
    )
    trader_name = fields.Char(string="Name (VIES)")
    trader_address = fields.Text(string="Address (VIES)")
    source = fields.Selection(
        [("soap", "SOAP checkVatApprox"), ("rest", "REST")],
        string="Service",
        help="The VIES service that answered (SOAP first, REST when SOAP gives no "
        "answer).",
    )
    error = fields.Char()
    raw_response = fields.Text(groups="account.group_account_manager")
