# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

#: EORI: ISO country code and up to 15 characters (Commission Implementing
#: Regulation (EU) 2015/2447, Annex 12-01).
EORI_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{1,15}$")
#: IOSS identification number: IM, 3 digits of the member state, 7 digits
#: (Directive 2006/112/EC, Art. 369q).
IOSS_RE = re.compile(r"^IM\d{10}$")


def _clean(value):
    return "".join((value or "").split()).upper()


class ResCompany(models.Model):
    _inherit = "res.company"

    customs_eori = fields.Char(
        string="EORI Number",
        help="Economic Operators Registration and Identification number, printed "
        "on customs papers. In Luxembourg, usually LU followed by the VAT number's "
        "digits; ask the Customs and Excise Agency (ADA) for one.",
    )
    customs_ioss = fields.Char(
        string="IOSS Number",
        help="Import One-Stop-Shop number (IM + 10 digits), printed on customs "
        "papers of parcels under EUR 150 into the EU when the company collects the "
        "import VAT itself.",
    )

    @api.constrains("customs_eori", "customs_ioss")
    def _check_customs_numbers(self):
        for company in self:
            if company.customs_eori and not EORI_RE.match(_clean(company.customs_eori)):
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the EORI number %(number)s is not "
                        "valid (two letters of the country, then up to 15 letters "
                        "or digits).",
                        company=company.display_name,
                        number=company.customs_eori,
                    )
                )
            if company.customs_ioss and not IOSS_RE.match(_clean(company.customs_ioss)):
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the IOSS number %(number)s is not "
                        "valid (IM followed by 10 digits).",
                        company=company.display_name,
                        number=company.customs_ioss,
                    )
                )
