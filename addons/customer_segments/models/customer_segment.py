# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import calendar
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

RULE_TYPES = [
    ("min_orders", "At least N orders (VIP)"),
    ("dormant", "No order for N days (dormant)"),
    ("new", "First order in the last N days (new)"),
    ("country", "Ship-to country"),
    ("season", "Ordered between two dates (season)"),
    ("min_spent", "Spent at least an amount"),
    ("tag", "Manual tag"),
    ("domain", "Custom filter"),
]


def _day_in_year(year, month, day):
    """The date of month/day in ``year`` (29 February becomes 28 in other years)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def last_season(date_from, date_to, today):
    """The last yearly season (the days and months of ``date_from`` to
    ``date_to``, years ignored) that ended before ``today``: (start, end).

    A season may span the new year (1 December to 15 January).
    """
    crosses_year = (date_from.month, date_from.day) > (date_to.month, date_to.day)
    year = today.year
    while True:
        end = _day_in_year(year, date_to.month, date_to.day)
        if end < today:
            start_year = year - 1 if crosses_year else year
            return _day_in_year(start_year, date_from.month, date_from.day), end
        year -= 1


class CustomerSegment(models.Model):
    """A saved rule selecting customers: counted, opened, exported, synced.

    The rule is evaluated when used (never stored per customer), so a segment is
    always up to date with the stored customer figures and today's date; the
    figures and orders are those of the current company.
    """

    _name = "customer.segment"
    _description = "Customer segment"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the segment between companies.",
    )
    rule_type = fields.Selection(
        RULE_TYPES, "Rule", required=True, default="min_orders"
    )
    min_orders = fields.Integer("Minimum Orders", default=5)
    days = fields.Integer(default=90)
    country_ids = fields.Many2many("res.country", string="Countries")
    date_from = fields.Date("Season Start")
    date_to = fields.Date("Season End")
    season_yearly = fields.Boolean(
        "Every Year",
        help="Ignore the years of the season's dates: the segment holds the "
        "customers who ordered during the last such season that has ended, e.g. "
        "15 November to 31 December of last year, moving on by itself each year.",
    )
    season_window = fields.Char(
        "Season Used Today",
        compute="_compute_season_window",
        help="The dates the season rule selects orders between, as of today.",
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    min_amount = fields.Monetary("Minimum Spent", currency_field="currency_id")
    category_id = fields.Many2one("res.partner.category", "Tag", ondelete="restrict")
    domain = fields.Char("Filter", default="[]")
    tag_name = fields.Char(
        "Export Tag",
        compute="_compute_tag_name",
        store=True,
        readonly=False,
        help="Tag written in the CSV export and set on Mailchimp members of this "
        "segment.",
    )
    partner_count = fields.Integer("Customers", compute="_compute_partner_count")

    _tag_name_unique = models.Constraint(
        "UNIQUE (tag_name)", "Two segments cannot share an export tag."
    )
    _min_orders_positive = models.Constraint(
        "CHECK (rule_type != 'min_orders' OR min_orders > 0)",
        "The minimum number of orders must be at least 1.",
    )
    _days_positive = models.Constraint(
        "CHECK (rule_type NOT IN ('dormant', 'new') OR days > 0)",
        "The number of days must be at least 1.",
    )

    @api.depends("rule_type", "date_from", "date_to", "season_yearly")
    @api.depends_context("tz")
    def _compute_season_window(self):
        for segment in self:
            window = segment._season_dates()
            segment.season_window = (
                self.env._(
                    "%(start)s to %(end)s",
                    start=fields.Date.to_string(window[0]),
                    end=fields.Date.to_string(window[1]),
                )
                if window
                else False
            )

    def _season_dates(self):
        """(first day, last day) of the orders the season rule selects today."""
        self.ensure_one()
        if self.rule_type != "season" or not self.date_from or not self.date_to:
            return None
        if not self.season_yearly:
            return self.date_from, self.date_to
        return last_season(
            self.date_from, self.date_to, fields.Date.context_today(self)
        )

    @api.depends("name")
    def _compute_tag_name(self):
        for segment in self:
            if not segment.tag_name:
                segment.tag_name = (segment.name or "")[:100]

    @api.constrains(
        "rule_type",
        "date_from",
        "date_to",
        "season_yearly",
        "country_ids",
        "category_id",
        "domain",
    )
    def _check_rule(self):
        for segment in self:
            if segment.rule_type == "season":
                if not segment.date_from or not segment.date_to:
                    raise ValidationError(
                        self.env._(
                            "Segment %(name)s: set the season's start and end dates.",
                            name=segment.name,
                        )
                    )
                if segment.date_from > segment.date_to and not segment.season_yearly:
                    raise ValidationError(
                        self.env._(
                            "Segment %(name)s: the season ends before it starts.",
                            name=segment.name,
                        )
                    )
            elif segment.rule_type == "country" and not segment.country_ids:
                raise ValidationError(
                    self.env._(
                        "Segment %(name)s: choose at least one country.",
                        name=segment.name,
                    )
                )
            elif segment.rule_type == "tag" and not segment.category_id:
                raise ValidationError(
                    self.env._("Segment %(name)s: choose the tag.", name=segment.name)
                )
            elif segment.rule_type == "domain":
                try:
                    Domain(safe_eval(segment.domain or "[]")).validate(
                        self.env["res.partner"]
                    )
                except Exception as exc:
                    raise ValidationError(
                        self.env._(
                            "Segment %(name)s: the filter is not valid (%(error)s).",
                            name=segment.name,
                            error=exc,
                        )
                    ) from exc

    def _get_partner_domain(self, for_client=False):
        """The customers of this segment, as a domain on res.partner.

        With ``for_client``, the domain holds only plain values (it is sent to the
        web client); otherwise the season rule is a direct sub-query on orders,
        much faster on large databases.
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        customers = Domain("customer_order_count", ">", 0)
        rule = self.rule_type
        if rule == "min_orders":
            domain = Domain("customer_order_count", ">=", self.min_orders)
        elif rule == "dormant":
            domain = customers & Domain(
                "customer_last_order_date", "<", today - timedelta(days=self.days)
            )
        elif rule == "new":
            domain = customers & Domain(
                "customer_first_order_date", ">=", today - timedelta(days=self.days)
            )
        elif rule == "country":
            domain = customers & Domain(
                "customer_country_id", "in", self.country_ids.ids
            )
        elif rule == "season" and not for_client:
            start, end = self._season_dates()
            domain = customers & Domain(
                "id",
                "in",
                SQL(
                    """SELECT p.commercial_partner_id
                         FROM sale_order so
                         JOIN res_partner p ON p.id = so.partner_id
                        WHERE so.state = 'sale' AND so.company_id = %s
                          AND so.date_order >= %s AND so.date_order < %s""",
                    self.env.company.id,
                    fields.Datetime.to_datetime(start),
                    fields.Datetime.to_datetime(end + timedelta(days=1)),
                ),
            )
        elif rule == "season":
            start, end = self._season_dates()
            orders = Domain(
                [
                    ("state", "=", "sale"),
                    ("company_id", "=", self.env.company.id),
                    ("date_order", ">=", fields.Datetime.to_datetime(start)),
                    (
                        "date_order",
                        "<",
                        fields.Datetime.to_datetime(end + timedelta(days=1)),
                    ),
                ]
            )
            domain = customers & (
                Domain("sale_order_ids", "any", orders)
                | Domain("child_ids", "any", Domain("sale_order_ids", "any", orders))
            )
        elif rule == "min_spent":
            domain = customers & Domain("customer_total_spent", ">=", self.min_amount)
        elif rule == "tag":
            domain = Domain("category_id", "in", self.category_id.ids)
        else:
            domain = Domain(safe_eval(self.domain or "[]"))
        return domain

    @api.depends(
        "rule_type",
        "min_orders",
        "days",
        "country_ids",
        "date_from",
        "date_to",
        "season_yearly",
        "min_amount",
        "category_id",
        "domain",
    )
    @api.depends_context("company")
    def _compute_partner_count(self):
        Partner = self.env["res.partner"]
        for segment in self:
            # One count per segment: each segment is a different query by nature.
            segment.partner_count = (
                Partner.search_count(segment._get_partner_domain())
                if segment.rule_type
                else 0
            )

    def action_open_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "res.partner",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref(
                        "customer_segments.res_partner_view_list_customers"
                    ).id,
                    "list",
                ),
                (False, "form"),
            ],
            "search_view_id": self.env.ref(
                "customer_segments.res_partner_view_search_customers"
            ).id,
            "domain": list(self._get_partner_domain(for_client=True)),
            "context": {"create": False},
        }

    def action_export(self):
        self.ensure_one()
        wizard = self.env["customer.segment.export"].create({"segment_id": self.id})
        return wizard._reopen()

    def export_csv(self, lawful_purpose=None):
        """Integrator method (XML-RPC): the segment's customers as a CSV file.

        Only contactable customers are exported unless ``lawful_purpose`` (the
        reason, e.g. "recall of a defective product") is given; that reason is then
        written on every row. Returns a dict with ``filename``, ``csv`` (text),
        ``csv_base64``, ``exported`` and ``skipped`` (customers left out for lack of
        consent).
        """
        self.ensure_one()
        content, exported, skipped = self.env["res.partner"]._customer_export_csv(
            self._get_partner_domain(), lawful_purpose=lawful_purpose
        )
        return {
            "filename": self._export_filename(),
            "csv": content,
            "csv_base64": base64.b64encode(content.encode("utf-8")).decode("ascii"),
            "exported": exported,
            "skipped": skipped,
        }

    def _export_filename(self):
        slug = "".join(
            c if c.isalnum() else "-"
            for c in (self.tag_name or self.name or "customers")
        )
        slug = slug.strip("-").lower() or "customers"
        return f"{slug}-{fields.Date.context_today(self)}.csv"
