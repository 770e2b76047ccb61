# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .customer_figures_mixin import _figure


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

    # Company-dependent many2one figures live here, not on the mixin: see the
    # note in customer_figures_mixin.py.
    customer_main_team_id = _figure(
        "Main Channel",
        fields.Many2one,
        comodel_name="crm.team",
        help="Sales channel (sales team) through which this customer ordered most.",
    )
    customer_country_id = _figure(
        "Ship-to Country",
        fields.Many2one,
        comodel_name="res.country",
        help="Delivery country of the last order, or the customer's country.",
    )
