# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    """A customer, as this addon sees it; each behaviour has its own file:

    * figures and RFM scores, per company: ``customer_figures_mixin.py``;
    * marketing consent and its evidence: ``customer_consent_mixin.py``
      (evidence lines: ``customer_consent_event.py``);
    * CSV export: ``customer_export_mixin.py`` (file layout: ``customer_csv.py``);
    * segments the customer belongs to: ``customer_segment_membership_mixin.py``
      (the rules: ``customer_segment.py``).
    """

    _name = "res.partner"
    _inherit = (
        "res.partner",
        "customer.figures.mixin",
        "customer.consent.mixin",
        "customer.export.mixin",
        "customer.segment.membership.mixin",
    )
