# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Segment membership of a customer, searchable: ``[('customer_segment_ids', 'in',
[segment_id])]`` is evaluated with each segment's rule of the moment (today's
date, current figures), so a saved filter or a mailing built on it never freezes."""

from odoo import fields, models
from odoo.fields import Domain

from .customer_figures_mixin import FIGURES_GROUP


class CustomerSegmentMembershipMixin(models.AbstractModel):
    _name = "customer.segment.membership.mixin"
    _description = "Segments of a customer (on res.partner)"

    customer_segment_ids = fields.Many2many(
        "customer.segment",
        string="Segments",
        compute="_compute_customer_segment_ids",
        search="_search_customer_segment_ids",
        groups=FIGURES_GROUP,
        help="Segments this customer belongs to today.",
    )

    def _compute_customer_segment_ids(self):
        # one query per segment for the whole recordset, never per customer
        members = {partner.id: [] for partner in self}
        for segment in self.env["customer.segment"].search([("active", "=", True)]):
            domain = segment._get_partner_domain() & Domain("id", "in", self.ids)
            for partner_id in self.search(domain).ids:
                members[partner_id].append(segment.id)
        for partner in self:
            partner.customer_segment_ids = [
                fields.Command.set(members.get(partner.id, []))
            ]

    def _search_customer_segment_ids(self, operator, value):
        if operator != "in":
            return NotImplemented
        ids = [v for v in value if isinstance(v, int)]
        segments = self.env["customer.segment"].browse(ids).exists()
        return Domain.OR(segment._get_partner_domain() for segment in segments)
