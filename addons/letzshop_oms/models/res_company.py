# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from .letzshop_oms_plan import WARN_RATIO

#: features of the plan (booleans): without them, the feature is refused
FEATURES = ("api_access", "eu_vat_invoicing", "bins_incoming_stock", "customer_export")

#: limit field of the plan -> usage field of the company
METERS = {
    "max_orders_month": "oms_usage_orders_month",
    "max_products": "oms_usage_products",
    "max_users": "oms_usage_users",
    "max_letzshop_accounts": "oms_usage_letzshop_accounts",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    oms_plan_id = fields.Many2one(
        "letzshop.oms.plan",
        string="OMS Plan",
        ondelete="restrict",
        help="Limits of the subscription. Empty: no limit.",
    )
    oms_plan_max_orders_month = fields.Integer(related="oms_plan_id.max_orders_month")
    oms_plan_max_products = fields.Integer(related="oms_plan_id.max_products")
    oms_plan_max_users = fields.Integer(related="oms_plan_id.max_users")
    oms_plan_max_letzshop_accounts = fields.Integer(
        related="oms_plan_id.max_letzshop_accounts"
    )
    oms_plan_history_months = fields.Integer(related="oms_plan_id.history_months")
    oms_plan_api_access = fields.Boolean(related="oms_plan_id.api_access")
    oms_plan_eu_vat_invoicing = fields.Boolean(related="oms_plan_id.eu_vat_invoicing")
    oms_plan_bins_incoming_stock = fields.Boolean(
        related="oms_plan_id.bins_incoming_stock"
    )
    oms_plan_customer_export = fields.Boolean(related="oms_plan_id.customer_export")
    oms_usage_orders_month = fields.Integer(
        string="Orders This Month", compute="_compute_oms_usage"
    )
    oms_usage_products = fields.Integer(
        string="Products Used", compute="_compute_oms_usage"
    )
    oms_usage_users = fields.Integer(string="Users Used", compute="_compute_oms_usage")
    oms_usage_letzshop_accounts = fields.Integer(
        string="Letzshop Accounts Used", compute="_compute_oms_usage"
    )
    oms_plan_warning = fields.Char(string="Plan Warning", compute="_compute_oms_usage")

    def write(self, vals):
        res = super().write(vals)
        if "oms_plan_id" in vals:
            # RPC logins are cached per user and password (res.users
            # _check_uid_passwd): a plan without API access applies at once
            self.env.registry.clear_cache()
        return res

    def _compute_oms_usage(self):
        for company in self:
            usage = company._oms_usage()
            for usage_field in METERS.values():
                company[usage_field] = usage[usage_field]
            company.oms_plan_warning = company._oms_plan_warning(usage)

    # -- usage -------------------------------------------------------------
    def _oms_month_start(self):
        today = fields.Date.context_today(self)
        return fields.Datetime.to_datetime(today.replace(day=1))

    def _oms_usage(self):
        """What the company uses of each limited resource: one count each."""
        self.ensure_one()
        # sudo: counts for the plan's meters, whoever creates the record
        env = self.sudo().env
        month_start = self._oms_month_start()
        return {
            "oms_usage_orders_month": env["sale.order"].search_count(
                [
                    ("company_id", "=", self.id),
                    ("create_date", ">=", month_start),
                    ("oms_plan_held", "=", False),
                ]
            ),
            "oms_usage_products": env["product.template"].search_count(
                [("company_id", "in", (self.id, False)), ("type", "=", "consu")]
            ),
            "oms_usage_users": env["res.users"].search_count(
                [("share", "=", False), ("company_ids", "in", self.id)]
            ),
            "oms_usage_letzshop_accounts": env["letzshop.account"].search_count(
                [("company_id", "=", self.id)]
            ),
        }

    def _oms_plan_label(self, limit_field):
        return (
            self.env["letzshop.oms.plan"]
            ._fields[limit_field]
            .get_description(self.env)["string"]
        )

    def _oms_plan_warning(self, usage=None):
        """A sentence naming each limit used at 80 % or more, or False."""
        self.ensure_one()
        plan = self.oms_plan_id
        if not plan:
            return False
        usage = usage or self._oms_usage()
        parts = []
        for limit_field, usage_field in METERS.items():
            limit = plan[limit_field]
            if limit and usage[usage_field] >= WARN_RATIO * limit:
                parts.append(
                    self.env._(
                        "%(label)s: %(used)s of %(limit)s",
                        label=self._oms_plan_label(limit_field),
                        used=usage[usage_field],
                        limit=limit,
                    )
                )
        if not parts:
            return False
        return self.env._(
            "Plan %(plan)s nearly used up: %(limits)s.",
            plan=plan.name,
            limits="; ".join(parts),
        )

    def _oms_plan_room(self, limit_field, adding=1):
        """True when ``adding`` more records fit in the plan's limit."""
        self.ensure_one()
        limit = self.oms_plan_id[limit_field] if self.oms_plan_id else 0
        if not limit:
            return True
        used = self._oms_usage()[METERS[limit_field]]
        return used + adding <= limit

    def _oms_plan_refusal(self, limit_field):
        self.ensure_one()
        return self.env._(
            "%(company)s: the plan %(plan)s allows %(limit)s %(label)s. "
            "Upgrade the plan (Settings > Companies, field 'OMS Plan') to add more.",
            company=self.display_name,
            plan=self.oms_plan_id.name,
            limit=self.oms_plan_id[limit_field],
            label=self._oms_plan_label(limit_field).lower(),
        )

    def _oms_plan_lacks(self, feature):
        """True when the company's plan does not include ``feature`` (a boolean
        of the plan). No plan: every feature."""
        self.ensure_one()
        # sudo: the plan of one's own company decides what one may do
        plan = self.sudo().oms_plan_id
        return bool(plan) and not plan[feature]

    def _oms_plan_feature_refusal(self, feature):
        self.ensure_one()
        return self.env._(
            "%(company)s: the plan %(plan)s does not include %(feature)s. "
            "Upgrade the plan (Settings > Companies, field 'OMS Plan') to use it.",
            company=self.display_name,
            # sudo: the name of one's own company's plan, for the message
            plan=self.sudo().oms_plan_id.name,
            feature=self._oms_plan_label(feature),
        )

    def _oms_plan_check(self, limit_field):
        """The one check of the plan, called by the models it limits.

        ``limit_field`` is a limit (``max_*``: called after new records were
        made, it refuses them when they go beyond the limit; the transaction is
        rolled back, nothing half-written) or a feature (a boolean of the plan:
        refused when the plan does not include it)."""
        if limit_field in FEATURES:
            for company in self:
                if company._oms_plan_lacks(limit_field):
                    raise UserError(company._oms_plan_feature_refusal(limit_field))
            return
        for company in self.filtered("oms_plan_id"):
            if not company._oms_plan_room(limit_field, adding=0):
                raise UserError(company._oms_plan_refusal(limit_field))
