# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customer figures and RFM scores, per company, kept in SQL.

Each figure is a company-dependent field: one JSONB column holding a value per
company (``{"1": 3, "2": 1}``). Reading, searching, sorting and grouping through
the ORM give the value of the current company, so a customer shared by two
companies shows, in each, the orders of that company only, in its currency.
The columns are written by set-based SQL only (one UPDATE for any number of
customers), never per record.
"""

import logging
from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

FIGURES_GROUP = "sales_team.group_sale_salesman"
ADMIN_GROUP = "sales_team.group_sale_manager"
# Debounce window of the recompute job queued when orders change.
RECOMPUTE_DELAY_SECONDS = 30
RECOMPUTE_IDENTITY_KEY = "customer_segments.recompute_dirty_customers"

STAT_FIELDS = [
    "customer_order_count",
    "customer_total_spent",
    "customer_average_order",
    "customer_first_order_date",
    "customer_last_order_date",
    "customer_main_team_id",
    "customer_country_id",
]
RFM_FIELDS = ["rfm_recency", "rfm_frequency", "rfm_monetary", "rfm_score"]
# Local (this transaction only) planner settings for the set-based queries:
# aggregates and sorts over 500,000 orders fit in memory, and JIT compilation,
# which costs seconds on these wide plans, is skipped.
BULK_WORK_MEM = "64MB"

# RFM score of one (customer, company) among the company's customers with orders:
# 1 + floor(5 * percent_rank), so 5 is the top 20% and ties share the lower score.
_RFM_RANK = (
    "LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER ("
    "PARTITION BY {company} ORDER BY {value})))::int"
)


def _rfm_rank(company, value):
    return SQL(_RFM_RANK.format(company=company, value=value))


def _figure(label, field_type=fields.Integer, **kwargs):
    """A company-dependent, read-only figure written by SQL only.

    No index on purpose: res_partner already has ~30 indexes, and an indexed
    column that changes turns every recompute UPDATE into a non-HOT update
    writing all of them; filters on 100,000 customers scan fast enough.
    """
    return field_type(
        string=label,
        company_dependent=True,
        index=False,
        readonly=True,
        copy=False,
        groups=FIGURES_GROUP,
        **kwargs,
    )


class CustomerFiguresMixin(models.AbstractModel):
    _name = "customer.figures.mixin"
    _description = "Customer figures and RFM scores (on res.partner)"

    customer_currency_id = fields.Many2one(
        "res.currency", compute="_compute_customer_currency_id", groups=FIGURES_GROUP
    )
    customer_order_count = _figure(
        "Orders",
        help="Confirmed sales orders of this customer and its contacts in the "
        "current company.",
    )
    customer_total_spent = _figure(
        "Total Spent",
        fields.Float,
        help="Sum of the confirmed orders' totals (taxes included) in the current "
        "company, in its currency.",
    )
    customer_average_order = _figure("Average Order", fields.Float)
    customer_first_order_date = _figure("First Order", fields.Date)
    customer_last_order_date = _figure("Last Order", fields.Date)
    # customer_main_team_id and customer_country_id are declared on res.partner
    # itself (res_partner.py): Odoo keeps company-dependent many2one fields in a
    # registry map that also lists those of abstract models, and deleting a sales
    # channel or a country would then update the mixin's (missing) table.
    rfm_recency = _figure("Recency")
    rfm_frequency = _figure("Frequency")
    rfm_monetary = _figure("Monetary")
    rfm_score = _figure(
        "RFM",
        fields.Char,
        help="Recency, frequency and monetary scores from 1 (bottom 20% of the "
        "company's customers) to 5 (top 20%), e.g. 555 for the best customers.",
    )
    customer_stats_dirty = fields.Boolean(
        copy=False, readonly=True, groups="base.group_system"
    )

    @api.depends_context("company")
    def _compute_customer_currency_id(self):
        # the figures read are those of the current company, in its currency
        self.customer_currency_id = self.env.company.currency_id

    # -- set-based recompute ---------------------------------------------------------

    @contextmanager
    def _customer_bulk_sql(self):
        """Run set-based queries with BULK_WORK_MEM and without JIT, then restore."""
        cr = self.env.cr
        cr.execute(SQL("SELECT current_setting('work_mem'), current_setting('jit')"))
        work_mem, jit = cr.fetchone()
        cr.execute(
            SQL(
                "SELECT set_config('work_mem', %s, true),"
                " set_config('jit', 'off', true)",
                BULK_WORK_MEM,
            )
        )
        yield
        # on error the transaction (or savepoint) rollback reverts them anyway
        cr.execute(
            SQL(
                "SELECT set_config('work_mem', %s, true), set_config('jit', %s, true)",
                work_mem,
                jit,
            )
        )

    def _customer_stats_flush(self):
        self.env["sale.order"].flush_model(
            [
                "state",
                "company_id",
                "partner_id",
                "amount_total",
                "currency_rate",
                "date_order",
                "team_id",
                "partner_shipping_id",
            ]
        )
        self.env["res.partner"].flush_model(
            [
                "commercial_partner_id",
                "country_id",
                "customer_stats_dirty",
                *STAT_FIELDS,
                *RFM_FIELDS,
            ]
        )

    @api.model
    def _customer_stats_update(self, partner_ids=None):
        """Recompute the figures of the given commercial partners (all when None).

        One UPDATE ... FROM over the confirmed orders aggregated per customer and
        company; only rows whose figures change are written. For all partners,
        the same statement also scores RFM (see :meth:`_customer_rfm_update`), so
        that each row is written once. A customer without orders in a company has
        no value for it (read as 0). Returns the number of partners updated.
        """
        self._customer_stats_flush()
        rfm_select = rfm_agg = rfm_set = rfm_old = rfm_new = SQL("")
        if partner_ids is None:
            rfm_select = SQL(
                ", %s AS r, %s AS f, %s AS m",
                _rfm_rank("agg.company_id", "agg.last_date"),
                _rfm_rank("agg.company_id", "agg.order_count"),
                _rfm_rank("agg.company_id", "agg.total"),
            )
            rfm_agg = SQL(
                ", jsonb_object_agg(company, r) AS r"
                ", jsonb_object_agg(company, f) AS f"
                ", jsonb_object_agg(company, m) AS m"
                ", jsonb_object_agg(company, r || '' || f || '' || m) AS score"
            )
            rfm_set = SQL(
                ", rfm_recency = new.r, rfm_frequency = new.f, rfm_monetary = new.m"
                ", rfm_score = new.score"
            )
            rfm_old = SQL(", rp.rfm_recency, rp.rfm_frequency, rp.rfm_monetary")
            rfm_new = SQL(", new.r, new.f, new.m")
            scope = SQL("TRUE")
            targets = SQL(
                "SELECT id FROM res_partner WHERE customer_order_count IS NOT NULL"
                " UNION SELECT partner_id FROM agg"
            )
        else:
            ids = sorted(set(partner_ids))
            if not ids:
                return 0
            scope = SQL("p.commercial_partner_id = ANY(%s)", ids)
            targets = SQL("SELECT unnest(%s::int[]) AS id", ids)
        self.env.cr.execute(
            SQL(
                """
                WITH orders AS (
                    SELECT p.commercial_partner_id AS partner_id, so.company_id,
                           so.id, so.date_order, so.team_id, so.partner_shipping_id,
                           so.amount_total
                           / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.state = 'sale' AND %(scope)s
                ), agg AS (
                    SELECT partner_id, company_id, COUNT(*) AS order_count,
                           SUM(amount) AS total,
                           MIN(date_order)::date AS first_date,
                           MAX(date_order)::date AS last_date
                      FROM orders
                  GROUP BY partner_id, company_id
                ), team AS (
                    SELECT DISTINCT ON (partner_id, company_id)
                           partner_id, company_id, team_id
                      FROM (SELECT partner_id, company_id, team_id, COUNT(*) AS n,
                                   MAX(date_order) AS last
                              FROM orders
                             WHERE team_id IS NOT NULL
                          GROUP BY partner_id, company_id, team_id) t
                  ORDER BY partner_id, company_id, n DESC, last DESC, team_id
                ), ship AS (
                    SELECT DISTINCT ON (o.partner_id, o.company_id)
                           o.partner_id, o.company_id, sp.country_id
                      FROM orders o
                      JOIN res_partner sp ON sp.id = o.partner_shipping_id
                  ORDER BY o.partner_id, o.company_id, o.date_order DESC, o.id DESC
                ), per_company AS (
                    SELECT agg.partner_id, agg.company_id::text AS company,
                           agg.order_count,
                           ROUND(agg.total, 2) AS total,
                           ROUND(agg.total / agg.order_count, 2) AS average,
                           agg.first_date, agg.last_date, team.team_id,
                           COALESCE(ship.country_id, rp.country_id) AS country_id
                           %(rfm_select)s
                      FROM agg
                      JOIN res_partner rp ON rp.id = agg.partner_id
                 LEFT JOIN team ON team.partner_id = agg.partner_id
                           AND team.company_id = agg.company_id
                 LEFT JOIN ship ON ship.partner_id = agg.partner_id
                           AND ship.company_id = agg.company_id
                ), per_partner AS (
                    SELECT partner_id,
                           jsonb_object_agg(company, order_count) AS order_count,
                           jsonb_object_agg(company, total) AS total,
                           jsonb_object_agg(company, average) AS average,
                           jsonb_object_agg(company, first_date) AS first_date,
                           jsonb_object_agg(company, last_date) AS last_date,
                           jsonb_object_agg(company, team_id)
                               FILTER (WHERE team_id IS NOT NULL) AS team_id,
                           jsonb_object_agg(company, country_id)
                               FILTER (WHERE country_id IS NOT NULL) AS country_id
                           %(rfm_agg)s
                      FROM per_company
                  GROUP BY partner_id
                ), target AS (%(targets)s),
                new AS (
                    SELECT target.id, per_partner.*
                      FROM target
                 LEFT JOIN per_partner ON per_partner.partner_id = target.id
                )
                UPDATE res_partner rp
                   SET customer_order_count = new.order_count,
                       customer_total_spent = new.total,
                       customer_average_order = new.average,
                       customer_first_order_date = new.first_date,
                       customer_last_order_date = new.last_date,
                       customer_main_team_id = new.team_id,
                       customer_country_id = new.country_id
                       %(rfm_set)s
                  FROM new
                 WHERE rp.id = new.id
                   AND (rp.customer_order_count, rp.customer_total_spent,
                        rp.customer_average_order, rp.customer_first_order_date,
                        rp.customer_last_order_date, rp.customer_main_team_id,
                        rp.customer_country_id %(rfm_old)s)
                       IS DISTINCT FROM
                       (new.order_count, new.total, new.average, new.first_date,
                        new.last_date, new.team_id, new.country_id %(rfm_new)s)
                """,
                scope=scope,
                targets=targets,
                rfm_select=rfm_select,
                rfm_agg=rfm_agg,
                rfm_set=rfm_set,
                rfm_old=rfm_old,
                rfm_new=rfm_new,
            )
        )
        updated = self.env.cr.rowcount
        self.env["res.partner"].invalidate_model(STAT_FIELDS + RFM_FIELDS, flush=False)
        return updated

    @api.model
    def _customer_rfm_update(self):
        """Score every customer 1..5 on recency, frequency and monetary value.

        A score is the customer's rank among the company's customers with orders,
        in fifths: ``1 + floor(5 * percent_rank)``, so 5 means the top 20% and ties
        share the lower score. Customers without orders have no score.
        """
        self.env.cr.execute(
            SQL(
                """
                WITH figures AS (
                    SELECT rp.id, c.key AS company, c.value::int AS order_count,
                           (rp.customer_last_order_date->>c.key)::date AS last_date,
                           (rp.customer_total_spent->>c.key)::numeric AS total
                      FROM res_partner rp,
                           jsonb_each(rp.customer_order_count) c
                     WHERE rp.customer_order_count IS NOT NULL
                ), ranked AS (
                    SELECT id, company, %(r)s AS r, %(f)s AS f, %(m)s AS m
                      FROM figures
                ), new AS (
                    SELECT id, jsonb_object_agg(company, r) AS r,
                           jsonb_object_agg(company, f) AS f,
                           jsonb_object_agg(company, m) AS m,
                           jsonb_object_agg(company, r || '' || f || '' || m) AS score
                      FROM ranked
                  GROUP BY id
                    UNION ALL
                    SELECT id, NULL, NULL, NULL, NULL
                      FROM res_partner
                     WHERE customer_order_count IS NULL
                       AND rfm_score IS NOT NULL
                )
                UPDATE res_partner rp
                   SET rfm_recency = new.r, rfm_frequency = new.f,
                       rfm_monetary = new.m, rfm_score = new.score
                  FROM new
                 WHERE rp.id = new.id
                   AND (rp.rfm_recency, rp.rfm_frequency, rp.rfm_monetary)
                       IS DISTINCT FROM (new.r, new.f, new.m)
                """,
                r=_rfm_rank("company", "last_date"),
                f=_rfm_rank("company", "order_count"),
                m=_rfm_rank("company", "total"),
            )
        )
        updated = self.env.cr.rowcount
        self.env["res.partner"].invalidate_model(RFM_FIELDS, flush=False)
        return updated

    @api.model
    def _customer_stats_recompute_all(self):
        """Full recompute (nightly cron, 'Recompute' menu): figures and RFM scores."""
        self._customer_stats_flush()
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET customer_stats_dirty = FALSE"
                " WHERE customer_stats_dirty"
            )
        )
        with self._customer_bulk_sql():
            updated = self._customer_stats_update()
        self.env["res.partner"].invalidate_model(["customer_stats_dirty"], flush=False)
        _logger.info("Customer figures and RFM scores recomputed: %s updated", updated)
        return updated

    @api.model
    def _customer_stats_recompute_dirty(self):
        """Job: recompute the customers whose orders changed since the last run."""
        self._customer_stats_flush()
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET customer_stats_dirty = FALSE"
                " WHERE customer_stats_dirty RETURNING id"
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.env["res.partner"].invalidate_model(["customer_stats_dirty"], flush=False)
        if not ids:
            return "nothing to recompute"
        with self._customer_bulk_sql():
            updated = self._customer_stats_update(ids)
            scored = self._customer_rfm_update()
        return f"{len(ids)} customers recomputed, {updated} changed, {scored} rescored"

    @api.model
    def _customer_stats_mark_dirty(self, commercial_partner_ids):
        """Flag customers for the debounced recompute job and queue it at commit."""
        ids = sorted({pid for pid in commercial_partner_ids if pid})
        if not ids:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET customer_stats_dirty = TRUE"
                " WHERE id = ANY(%s) AND customer_stats_dirty IS NOT TRUE",
                ids,
            )
        )
        self.env["res.partner"].invalidate_model(["customer_stats_dirty"], flush=False)
        precommit = self.env.cr.precommit
        if not precommit.data.get("customer_segments.enqueue"):
            precommit.data["customer_segments.enqueue"] = True
            precommit.add(self._customer_stats_enqueue)

    def _customer_stats_enqueue(self):
        self.env.cr.precommit.data.pop("customer_segments.enqueue", None)
        # sudo: the job keeps the superuser flag (queue_job stores it): it reads
        # every order and writes every customer's figures, whatever the record
        # rules of the user who confirmed the order
        self.env["res.partner"].sudo().with_delay(
            description="Recompute customer figures",
            eta=RECOMPUTE_DELAY_SECONDS,
            identity_key=RECOMPUTE_IDENTITY_KEY,
        )._customer_stats_recompute_dirty()

    @api.model
    def _cron_customer_stats_recompute(self):
        self._customer_stats_recompute_all()

    @api.model
    def action_customer_stats_recompute(self):
        """Menu action: queue a full recompute now."""
        if not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                self.env._("Only sales administrators can recompute customer figures.")
            )
        # sudo: the job keeps the superuser flag (queue_job stores it): it writes
        # figures on every customer, whatever the administrator's record rules
        self.env["res.partner"].sudo().with_delay(
            description="Recompute all customer figures"
        )._customer_stats_recompute_all()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "Customer figures will be recomputed in a moment."
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
