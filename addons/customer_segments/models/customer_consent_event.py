# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

CONSENT_STATES = [
    ("unknown", "Not asked"),
    ("granted", "Granted"),
    ("withdrawn", "Withdrawn"),
]
CONSENT_SOURCES = [
    ("manual", "Entered by hand"),
    ("web_form", "Web form or own shop"),
    ("in_person", "In person (market, shop)"),
    ("import", "Import"),
    ("mailchimp", "Mailchimp"),
    ("marketplace", "Marketplace order"),
]


class CustomerConsentEvent(models.Model):
    """Proof of marketing consent: who agreed or withdrew, when and how.

    One line per change of ``res.partner.marketing_consent`` and per address
    cleaned by Mailchimp. Lines are never edited: a change adds a line.
    """

    _name = "customer.consent.event"
    _description = "Marketing consent event"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    event = fields.Selection(
        CONSENT_STATES + [("email_cleaned", "Email address cleaned")],
        required=True,
    )
    source = fields.Selection(CONSENT_SOURCES, required=True, default="manual")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    note = fields.Char()
    user_id = fields.Many2one(
        "res.users",
        string="Recorded by",
        default=lambda self: self.env.user,
        readonly=True,
    )
