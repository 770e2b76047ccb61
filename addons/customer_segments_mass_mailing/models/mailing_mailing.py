# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    customer_segment_id = fields.Many2one(
        "customer.segment",
        index="btree_not_null",
        ondelete="set null",
        copy=True,
        readonly=True,
        help="Segment this mailing was created from. Its recipients follow the "
        "segment: its customers who may be contacted (consent granted, an email "
        "address, no bounce, not blacklisted) on the day the mailing is sent, "
        "with the segment's rule of that day.",
    )
