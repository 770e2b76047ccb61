# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""CSV export of customers: who may be exported, and one set-based query."""

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

from ..customer_csv import customers_csv, split_name
from .customer_figures_mixin import ADMIN_GROUP


class CustomerExportMixin(models.AbstractModel):
    _name = "customer.export.mixin"
    _description = "CSV export of customers (on res.partner)"

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
        states the purpose given. Figures are those of the current company.
        Returns ``(csv_text, exported, skipped)``.
        """
        if not self.env.user.has_group(ADMIN_GROUP):
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
        fields = self._fields
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
            cr.execute(
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
                           %(order_count)s, %(total)s, %(last_date)s,
                           p.marketing_consent, p.marketing_consent_date
                      FROM sel
                      JOIN res_partner p ON p.id = sel.id
                 LEFT JOIN seg_tags ON seg_tags.id = p.id
                 LEFT JOIN cat_tags ON cat_tags.id = p.id
                 LEFT JOIN res_country c
                        ON c.id = COALESCE(%(country)s, p.country_id)
                  ORDER BY p.id
                    """,
                    segment_arms=SQL(" UNION ALL ").join(segment_arms),
                    lang=lang,
                    # the current company's figures (company-dependent columns)
                    order_count=fields["customer_order_count"].to_sql(self, "p"),
                    total=fields["customer_total_spent"].to_sql(self, "p"),
                    last_date=fields["customer_last_order_date"].to_sql(self, "p"),
                    country=fields["customer_country_id"].to_sql(self, "p"),
                )
            )
            rows = cr.fetchall()
        skipped = 0 if lawful_purpose else self.search_count(base) - len(rows)
        basis = (
            self.env._("Other lawful purpose: %(purpose)s", purpose=lawful_purpose)
            if lawful_purpose
            else self.env._("Consent")
        )
        return customers_csv(rows, basis), len(rows), skipped

    @staticmethod
    def _split_name(name):
        """'Marie Dupont' -> ('Marie', 'Dupont'): first word, then the rest."""
        return split_name(name)
