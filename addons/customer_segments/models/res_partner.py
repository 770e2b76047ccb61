# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io
import logging
from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

from .customer_consent_event import CONSENT_SOURCES, CONSENT_STATES

_logger = logging.getLogger(__name__)

FIGURES_GROUP = "sales_team.group_sale_salesman"
EXPORT_GROUP = "sales_team.group_sale_manager"
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
# Local (this transaction only) planner settings for the set-based queries:
# aggregates and sorts over 500,000 orders fit in memory, and JIT compilation,
# which costs seconds on these wide plans, is skipped.
BULK_WORK_MEM = "64MB"

RFM_FIELDS = ["rfm_recency", "rfm_frequency", "rfm_monetary", "rfm_score"]

CSV_HEADER = [
    "Email Address",
    "First Name",
    "Last Name",
    "Country",
    "Language",
    "Tags",
    "Orders",
    "Total Spent",
    "Last Order Date",
    "Consent",
    "Consent Date",
    "Legal Basis",
]


def _csv_safe(value):
    """Neutralise spreadsheet formulas in text typed by buyers (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class ResPartner(models.Model):
    _inherit = "res.partner"

    # -- figures (stored on the commercial partner, written by SQL) ----------------
    customer_currency_id = fields.Many2one(
        "res.currency", compute="_compute_customer_currency_id", groups=FIGURES_GROUP
    )
    customer_order_count = fields.Integer(
        "Orders",
        readonly=True,
        copy=False,
        groups=FIGURES_GROUP,
        help="Confirmed sales orders of this customer and its contacts.",
    )
    customer_total_spent = fields.Monetary(
        "Total Spent",
        currency_field="customer_currency_id",
        readonly=True,
        copy=False,
        groups=FIGURES_GROUP,
        help="Sum of the confirmed orders' totals (taxes included), in company "
        "currency.",
    )
    customer_average_order = fields.Monetary(
        "Average Order",
        currency_field="customer_currency_id",
        readonly=True,
        copy=False,
        groups=FIGURES_GROUP,
    )
    customer_first_order_date = fields.Date(
        "First Order", readonly=True, copy=False, groups=FIGURES_GROUP
    )
    customer_last_order_date = fields.Date(
        "Last Order", readonly=True, copy=False, groups=FIGURES_GROUP
    )
    customer_main_team_id = fields.Many2one(
        "crm.team",
        "Main Channel",
        readonly=True,
        copy=False,
        groups=FIGURES_GROUP,
        help="Sales channel (sales team) through which this customer ordered most.",
    )
    customer_country_id = fields.Many2one(
        "res.country",
        "Ship-to Country",
        readonly=True,
        copy=False,
        groups=FIGURES_GROUP,
        help="Delivery country of the last order, or the customer's country.",
    )
    rfm_recency = fields.Integer(
        "Recency", readonly=True, copy=False, groups=FIGURES_GROUP
    )
    rfm_frequency = fields.Integer(
        "Frequency", readonly=True, copy=False, groups=FIGURES_GROUP
    )
    rfm_monetary = fields.Integer(
        "Monetary", readonly=True, copy=False, groups=FIGURES_GROUP
    )
    rfm_score = fields.Char(
        "RFM",
        size=3,
        readonly=True,
        copy=False,
        groups=FIGURES_GROUP,
        help="Recency, frequency and monetary scores from 1 (bottom 20% of customers) "
        "to 5 (top 20%), e.g. 555 for the best customers.",
    )
    customer_stats_dirty = fields.Boolean(
        copy=False, readonly=True, groups="base.group_system"
    )

    # -- consent ---------------------------------------------------------------------
    marketing_consent = fields.Selection(
        CONSENT_STATES,
        default="unknown",
        required=True,
        copy=False,
        tracking=True,
        groups=FIGURES_GROUP,
        help="Whether this customer agreed to receive your newsletters. Marketplace "
        "buyers did not agree by buying: leave them 'Not asked' until they opt in.",
    )
    marketing_consent_source = fields.Selection(
        CONSENT_SOURCES, "Consent Source", copy=False, groups=FIGURES_GROUP
    )
    marketing_consent_date = fields.Datetime(
        "Consent Date", copy=False, groups=FIGURES_GROUP
    )
    marketing_email_cleaned = fields.Boolean(
        "Email Bounced",
        copy=False,
        groups=FIGURES_GROUP,
        help="Mailchimp cleaned this address (hard bounce). Cleared when the email "
        "changes.",
    )
    marketing_contactable = fields.Boolean(
        "Contactable",
        compute="_compute_marketing_contactable",
        store=True,
        groups=FIGURES_GROUP,
        help="Consent granted, an email address, and no bounce.",
    )
    consent_event_ids = fields.One2many(
        "customer.consent.event", "partner_id", "Consent History", groups=FIGURES_GROUP
    )

    # No index on the figures on purpose: res_partner already has ~30 indexes, and
    # an indexed column that changes turns every recompute UPDATE into a non-HOT
    # update writing all of them; filters on 100,000 customers scan fast enough.

    def _compute_customer_currency_id(self):
        self.customer_currency_id = self.env.company.currency_id

    @api.depends("marketing_consent", "email", "marketing_email_cleaned")
    def _compute_marketing_contactable(self):
        for partner in self:
            partner.marketing_contactable = bool(
                partner.marketing_consent == "granted"
                and partner.email
                and not partner.marketing_email_cleaned
            )

    # -- consent log -----------------------------------------------------------------

    def write(self, vals):
        if "email" in vals and "marketing_email_cleaned" not in vals:
            vals = dict(vals, marketing_email_cleaned=False)
        consent_changed = self.env["res.partner"]
        if "marketing_consent" in vals:
            vals = dict(vals)
            vals.setdefault("marketing_consent_date", fields.Datetime.now())
            vals.setdefault("marketing_consent_source", "manual")
            # sudo: read the current consent to compare, whatever the caller's groups
            consent_changed = self.sudo().filtered(
                lambda p: p.marketing_consent != vals["marketing_consent"]
            )
        res = super().write(vals)
        if consent_changed:
            consent_changed._log_consent_events(
                vals["marketing_consent"],
                vals["marketing_consent_source"],
                vals["marketing_consent_date"],
            )
        if vals.get("marketing_email_cleaned"):
            self._log_consent_events(
                "email_cleaned",
                vals.get("marketing_consent_source") or "mailchimp",
                fields.Datetime.now(),
            )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("marketing_consent", "unknown") != "unknown":
                vals.setdefault("marketing_consent_date", now)
                vals.setdefault("marketing_consent_source", "manual")
        partners = super().create(vals_list)
        for partner, vals in zip(partners, vals_list, strict=True):
            if vals.get("marketing_consent", "unknown") != "unknown":
                partner._log_consent_events(
                    vals["marketing_consent"],
                    vals["marketing_consent_source"],
                    vals["marketing_consent_date"],
                )
        return partners

    def _log_consent_events(self, event, source, date):
        if not self:
            return
        note = self.env.context.get("consent_note")
        # sudo: the consent log is append-only for users; every change is recorded
        self.env["customer.consent.event"].sudo().create(
            [
                {
                    "partner_id": p.id,
                    "event": event,
                    "source": source,
                    "date": date,
                    "note": note,
                }
                for p in self
            ]
        )
        # keep the history in its order (newest first) for the caller
        self.invalidate_recordset(["consent_event_ids"])

    def _set_marketing_consent(self, consent, source, note=None):
        """Record a consent change (e.g. from a webhook) with its source and date."""
        return self.with_context(consent_note=note).write(
            {
                "marketing_consent": consent,
                "marketing_consent_source": source,
                "marketing_consent_date": fields.Datetime.now(),
            }
        )

    def action_open_consent_events(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Consent history of %(name)s", name=self.display_name),
            "res_model": "customer.consent.event",
            "view_mode": "list",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }

    # -- figures: set-based recompute ------------------------------------------------

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
            ]
        )

    @api.model
    def _customer_stats_update(self, partner_ids=None):
        """Recompute the figures of the given commercial partners (all when None).

        One UPDATE ... FROM over the aggregated confirmed orders; only rows whose
        figures change are written. For all partners, the same statement also
        scores RFM (see :meth:`_customer_rfm_update`), so that each row is
        written once. A customer without orders gets NULL figures
        (read as 0), like a customer never computed. Returns the number of
        partners updated.
        """
        self._customer_stats_flush()
        rfm_select = rfm_set = rfm_old = rfm_new = SQL("")
        if partner_ids is None:
            rank = (
                "LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER ("
                "PARTITION BY agg.order_count IS NULL ORDER BY %s)))::int"
            )
            rfm_select = SQL(
                ", CASE WHEN agg.order_count IS NULL THEN 0 ELSE %s END AS r"
                ", CASE WHEN agg.order_count IS NULL THEN 0 ELSE %s END AS f"
                ", CASE WHEN agg.order_count IS NULL THEN 0 ELSE %s END AS m",
                SQL(rank % "agg.last_date"),
                SQL(rank % "agg.order_count"),
                SQL(rank % "agg.total"),
            )
            rfm_set = SQL(
                ", rfm_recency = new.r, rfm_frequency = new.f, rfm_monetary = new.m"
                ", rfm_score = CASE WHEN new.r > 0"
                " THEN new.r || '' || new.f || '' || new.m END"
            )
            rfm_old = SQL(", rp.rfm_recency, rp.rfm_frequency, rp.rfm_monetary")
            rfm_new = SQL(", new.r, new.f, new.m")
            scope = SQL("TRUE")
            targets = SQL(
                "SELECT id FROM res_partner WHERE customer_order_count > 0"
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
                    SELECT p.commercial_partner_id AS partner_id, so.id, so.date_order,
                           so.team_id, so.partner_shipping_id,
                           so.amount_total
                           / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.state = 'sale' AND %(scope)s
                ), agg AS (
                    SELECT partner_id, COUNT(*) AS order_count, SUM(amount) AS total,
                           MIN(date_order)::date AS first_date,
                           MAX(date_order)::date AS last_date
                      FROM orders
                  GROUP BY partner_id
                ), team AS (
                    SELECT DISTINCT ON (partner_id) partner_id, team_id
                      FROM (SELECT partner_id, team_id, COUNT(*) AS n,
                                   MAX(date_order) AS last
                              FROM orders
                             WHERE team_id IS NOT NULL
                          GROUP BY partner_id, team_id) t
                  ORDER BY partner_id, n DESC, last DESC, team_id
                ), ship AS (
                    SELECT DISTINCT ON (o.partner_id) o.partner_id, sp.country_id
                      FROM orders o
                      JOIN res_partner sp ON sp.id = o.partner_shipping_id
                  ORDER BY o.partner_id, o.date_order DESC, o.id DESC
                ), target AS (%(targets)s),
                new AS (
                    SELECT target.id,
                           agg.order_count,
                           ROUND(agg.total, 2) AS total,
                           ROUND(agg.total / agg.order_count, 2) AS average,
                           agg.first_date, agg.last_date, team.team_id,
                           ship.country_id AS ship_country_id
                           %(rfm_select)s
                      FROM target
                 LEFT JOIN agg ON agg.partner_id = target.id
                 LEFT JOIN team ON team.partner_id = target.id
                 LEFT JOIN ship ON ship.partner_id = target.id
                )
                UPDATE res_partner rp
                   SET customer_order_count = new.order_count,
                       customer_total_spent = new.total,
                       customer_average_order = new.average,
                       customer_first_order_date = new.first_date,
                       customer_last_order_date = new.last_date,
                       customer_main_team_id = new.team_id,
                       customer_country_id = CASE WHEN new.order_count IS NOT NULL
                           THEN COALESCE(new.ship_country_id, rp.country_id) END
                       %(rfm_set)s
                  FROM new
                 WHERE rp.id = new.id
                   AND (rp.customer_order_count, rp.customer_total_spent,
                        rp.customer_average_order, rp.customer_first_order_date,
                        rp.customer_last_order_date, rp.customer_main_team_id,
                        rp.customer_country_id %(rfm_old)s)
                       IS DISTINCT FROM
                       (new.order_count, new.total, new.average, new.first_date,
                        new.last_date, new.team_id,
                        CASE WHEN new.order_count IS NOT NULL
                            THEN COALESCE(new.ship_country_id, rp.country_id) END
                        %(rfm_new)s)
                """,
                scope=scope,
                targets=targets,
                rfm_select=rfm_select,
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

        A score is the customer's rank among all customers with orders, in fifths:
        ``1 + floor(5 * percent_rank)``, so 5 means the top 20% and ties share the
        lower score. Customers without orders score 0.
        """
        self.env.cr.execute(
            SQL(
                """
                WITH ranked AS (
                    SELECT id,
                           LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (
                               ORDER BY customer_last_order_date)))::int AS r,
                           LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (
                               ORDER BY customer_order_count)))::int AS f,
                           LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (
                               ORDER BY customer_total_spent)))::int AS m
                      FROM res_partner
                     WHERE customer_order_count > 0
                    UNION ALL
                    SELECT id, 0, 0, 0
                      FROM res_partner
                     WHERE COALESCE(customer_order_count, 0) = 0
                       AND rfm_score IS NOT NULL
                )
                UPDATE res_partner rp
                   SET rfm_recency = ranked.r, rfm_frequency = ranked.f,
                       rfm_monetary = ranked.m,
                       rfm_score = CASE WHEN ranked.r > 0
                           THEN ranked.r || '' || ranked.f || '' || ranked.m END
                  FROM ranked
                 WHERE rp.id = ranked.id
                   AND (rp.rfm_recency, rp.rfm_frequency, rp.rfm_monetary)
                       IS DISTINCT FROM (ranked.r, ranked.f, ranked.m)
                """
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
        # sudo: any user confirming an order may queue the recompute job
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
        if not self.env.user.has_group(EXPORT_GROUP):
            raise AccessError(
                self.env._("Only sales administrators can recompute customer figures.")
            )
        # sudo: the job writes figures on every customer, whatever the record rules
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

    # -- export ----------------------------------------------------------------------

    @api.model
    def _customer_contactable_domain(self):
        return Domain(
            [
                ("marketing_contactable", "=", True),
                ("is_blacklisted", "=", False),
            ]
        )

    @api.model
    def _customer_export_csv(self, domain, lawful_purpose=None):
        """Build the CSV of the customers matching ``domain``.

        Without ``lawful_purpose`` only contactable customers (consent granted, email,
        no bounce, not blacklisted) are exported and the legal basis column reads
        "consent"; with it, every customer with an email is exported and each row
        states the purpose given. Returns ``(csv_text, exported, skipped)``.
        """
        if not self.env.user.has_group(EXPORT_GROUP):
            raise AccessError(
                self.env._(
                    "Only sales administrators can export customers (user %(user)s).",
                    user=self.env.user.name,
                )
            )
        lawful_purpose = (lawful_purpose or "").strip()
        self._customer_stats_flush()
        base = Domain(domain) & Domain("email", "!=", False) & Domain("email", "!=", "")
        if lawful_purpose:
            query = self._search(base)
            not_blacklisted = SQL("TRUE")
        else:
            query = self._search(base & Domain("marketing_contactable", "=", True))
            # the blacklist as an anti-join: ORM's is_blacklisted search misleads
            # the planner's row estimates on large selections
            not_blacklisted = SQL(
                "NOT EXISTS (SELECT 1 FROM mail_blacklist bl"
                " WHERE bl.active AND bl.email = p.email_normalized)"
            )
        lang = self.env.lang or "en_US"
        # The selection goes to an analysed temporary table: joins on it then get
        # true row counts (a fresh tag or a blacklist filter make the planner
        # guess 1 row and pick nested loops that take minutes on 50,000 rows).
        with self._customer_bulk_sql():
            cr = self.env.cr
            cr.execute(
                SQL(
                    "CREATE TEMPORARY TABLE IF NOT EXISTS customer_segments_export_sel"
                    " (id int PRIMARY KEY) ON COMMIT DROP"
                )
            )
            cr.execute(SQL("TRUNCATE customer_segments_export_sel"))
            cr.execute(
                SQL(
                    "INSERT INTO customer_segments_export_sel"
                    " SELECT p.id FROM res_partner p WHERE p.id IN (%s) AND %s",
                    query.subselect(),
                    not_blacklisted,
                )
            )
            cr.execute(SQL("ANALYZE customer_segments_export_sel"))
            segments = self.env["customer.segment"].search([("active", "=", True)])
            # Segment membership: one independent sub-select per segment, each joined
            # to the selection (never a per-row sub-plan).
            segment_arms = [
                SQL(
                    "SELECT q.id, %s AS seq, %s::varchar AS tag"
                    " FROM (%s) q JOIN sel ON sel.id = q.id",
                    seq,
                    segment.tag_name,
                    self._search(segment._get_partner_domain()).subselect(),
                )
                for seq, segment in enumerate(segments)
            ] or [
                SQL(
                    "SELECT NULL::int AS id, 0 AS seq, NULL::varchar AS tag WHERE FALSE"
                )
            ]
            self.env.cr.execute(
                SQL(
                    """
                    WITH sel AS (SELECT id FROM customer_segments_export_sel),
                    seg AS (%(segment_arms)s),
                    seg_tags AS (
                        SELECT id, ARRAY_AGG(tag ORDER BY seq) AS tags
                          FROM seg
                      GROUP BY id
                    ),
                    cat_tags AS (
                        SELECT rel.partner_id AS id,
                               ARRAY_AGG(COALESCE(cat.name->>%(lang)s,
                                                  cat.name->>'en_US')
                                         ORDER BY cat.id) AS tags
                          FROM res_partner_res_partner_category_rel rel
                          JOIN sel ON sel.id = rel.partner_id
                          JOIN res_partner_category cat ON cat.id = rel.category_id
                      GROUP BY rel.partner_id
                    )
                    SELECT p.email, p.name, p.is_company, c.code, p.lang,
                           COALESCE(seg_tags.tags, ARRAY[]::varchar[])
                           || COALESCE(cat_tags.tags, ARRAY[]::varchar[]),
                           COALESCE(p.customer_order_count, 0),
                           COALESCE(p.customer_total_spent, 0),
                           p.customer_last_order_date, p.marketing_consent,
                           p.marketing_consent_date
                      FROM sel
                      JOIN res_partner p ON p.id = sel.id
                 LEFT JOIN seg_tags ON seg_tags.id = p.id
                 LEFT JOIN cat_tags ON cat_tags.id = p.id
                 LEFT JOIN res_country c
                        ON c.id = COALESCE(p.customer_country_id, p.country_id)
                  ORDER BY p.id
                    """,
                    segment_arms=SQL(" UNION ALL ").join(segment_arms),
                    lang=lang,
                )
            )
            rows = self.env.cr.fetchall()
        skipped = 0 if lawful_purpose else self.search_count(base) - len(rows)
        basis = (
            self.env._("Other lawful purpose: %(purpose)s", purpose=lawful_purpose)
            if lawful_purpose
            else self.env._("Consent")
        )
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_HEADER)
        for (
            email,
            name,
            is_company,
            country,
            partner_lang,
            tags,
            orders,
            total,
            last,
            consent,
            cdate,
        ) in rows:
            first, last_name = (
                ("", name or "") if is_company else self._split_name(name)
            )
            writer.writerow(
                [
                    _csv_safe(email),
                    _csv_safe(first),
                    _csv_safe(last_name),
                    country or "",
                    (partner_lang or "").split("_")[0],
                    _csv_safe(",".join(dict.fromkeys(tags))),
                    orders,
                    f"{total:.2f}",
                    last.isoformat() if last else "",
                    consent or "unknown",
                    cdate.date().isoformat() if cdate else "",
                    _csv_safe(basis),
                ]
            )
        return buffer.getvalue(), len(rows), skipped

    @staticmethod
    def _split_name(name):
        """'Marie Dupont' -> ('Marie', 'Dupont'): first word, then the rest."""
        parts = (name or "").split(None, 1)
        if not parts:
            return "", ""
        if len(parts) == 1:
            return parts[0], ""
        return parts[0], parts[1]
