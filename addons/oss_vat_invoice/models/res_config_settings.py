# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oss_vat_enabled = fields.Boolean(
        related="company_id.oss_vat_enabled", readonly=False
    )
    oss_threshold = fields.Monetary(related="company_id.oss_threshold", readonly=False)
    oss_threshold_warning = fields.Float(
        related="company_id.oss_threshold_warning", readonly=False
    )
    oss_opt_in = fields.Boolean(related="company_id.oss_opt_in", readonly=False)
    oss_opt_in_date = fields.Date(related="company_id.oss_opt_in_date", readonly=False)
    oss_vies_pending_policy = fields.Selection(
        related="company_id.oss_vies_pending_policy", readonly=False
    )
    oss_vies_recheck_days = fields.Integer(
        related="company_id.oss_vies_recheck_days", readonly=False
    )
    oss_threshold_current = fields.Monetary(related="company_id.oss_threshold_current")
    oss_threshold_previous = fields.Monetary(
        related="company_id.oss_threshold_previous"
    )
    oss_threshold_state = fields.Selection(related="company_id.oss_threshold_state")
